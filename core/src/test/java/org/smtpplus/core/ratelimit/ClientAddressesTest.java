package org.smtpplus.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {
    @Test
    void anIpv4AddressIsItsOwnKey() {
        assertThat(ClientAddresses.key("203.0.113.5")).isEqualTo("203.0.113.5");
        assertThat(ClientAddresses.key("127.0.0.1")).isEqualTo("127.0.0.1");
    }

    @Test
    void theAddressesOfAnIpv6NetworkShareOneKey() {
        assertThat(ClientAddresses.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddresses.key("[2001:db8:1:2::1]")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddresses.key("2001:0db8:0001:0003::1")).isEqualTo("2001:db8:1:3::/64");
        assertThat(ClientAddresses.key("[::1]")).isEqualTo("0:0:0:0::/64");
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4Address() {
        assertThat(ClientAddresses.key("::ffff:203.0.113.5")).isEqualTo("203.0.113.5");
    }

    @Test
    void somethingElseIsItsOwnKey() {
        assertThat(ClientAddresses.key("")).isEmpty();
        assertThat(ClientAddresses.key("[]")).isEqualTo("[]");
    }
}
