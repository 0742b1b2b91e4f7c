package org.smtpplus.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class IpPoolJsonTest {
    private final IpPoolJson json = new IpPoolJson();

    @Test
    void aPoolOfLoopbackAliasesIsRead() throws Exception {
        IpPool pool = json.parse("warm", "{\"addresses\":[\"127.0.0.2\",\"127.0.0.3\"],\"heloName\":\"MTA1.example.net\"}");

        assertThat(pool).isEqualTo(new IpPool("warm", List.of("127.0.0.2", "127.0.0.3"), "mta1.example.net"));
    }

    // an IPv4-mapped IPv6 address is the IPv4 address it maps (RFC 4291 section 2.5.5.2); no IPv6 needed on the machine
    @Test
    void addressesAreKeptInTheirCanonicalForm() throws Exception {
        IpPool pool = json.parse("mapped", "{\"addresses\":[\"::ffff:127.0.0.2\"],\"heloName\":\"mta1.example.net\"}");

        assertThat(pool.addresses()).containsExactly("127.0.0.2");
    }

    @Test
    void theViewCanBeSentBack() throws Exception {
        IpPool pool = new IpPool("warm", List.of("127.0.0.2"), "mta1.example.net");

        assertThat(json.toJson(pool)).isEqualTo("{\"name\":\"warm\",\"addresses\":[\"127.0.0.2\"],\"heloName\":\"mta1.example.net\"}");
        assertThat(json.parse("warm", json.toJson(pool))).isEqualTo(pool);
    }

    @Test
    void anAddressTheMachineDoesNotHaveIsNamed() {
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): no machine has it
        assertThatThrownBy(() -> json.parse("warm", "{\"addresses\":[\"127.0.0.2\",\"192.0.2.1\"],\"heloName\":\"mta1.example.net\"}"))
            .isInstanceOf(InvalidIpPoolException.class)
            .hasMessageStartingWith("addresses[1]: 192.0.2.1 is not an address of this machine");
    }

    @Test
    void anEmptyListIsRefused() {
        assertThatThrownBy(() -> json.parse("warm", "{\"addresses\":[],\"heloName\":\"mta1.example.net\"}"))
            .hasMessage("addresses: must hold 1 to 256 IP addresses, got 0");
    }

    @Test
    void missingAddressesAreRefused() {
        assertThatThrownBy(() -> json.parse("warm", "{\"heloName\":\"mta1.example.net\"}"))
            .hasMessageStartingWith("addresses: must be an array");
    }

    @Test
    void aHostNameIsNoAddress() {
        assertThatThrownBy(() -> json.parse("warm", "{\"addresses\":[\"localhost\"],\"heloName\":\"mta1.example.net\"}"))
            .hasMessageStartingWith("addresses[0]: must be an IPv4 or IPv6 address");
    }

    @Test
    void theWildcardAddressIsRefused() {
        assertThatThrownBy(() -> json.parse("warm", "{\"addresses\":[\"0.0.0.0\"],\"heloName\":\"mta1.example.net\"}"))
            .hasMessageStartingWith("addresses[0]: must be a unicast address of this machine");
    }

    @Test
    void anAddressListedTwiceIsRefused() {
        assertThatThrownBy(() -> json.parse("warm", "{\"addresses\":[\"127.0.0.2\",\"127.0.0.2\"],\"heloName\":\"mta1.example.net\"}"))
            .hasMessage("addresses[1]: \"127.0.0.2\" is listed twice");
    }

    @Test
    void aBadHeloNameIsNamed() {
        assertThatThrownBy(() -> json.parse("warm", "{\"addresses\":[\"127.0.0.2\"],\"heloName\":\"mta1 example\"}"))
            .hasMessageStartingWith("heloName: must be a fully-qualified host name");
        assertThatThrownBy(() -> json.parse("warm", "{\"addresses\":[\"127.0.0.2\"],\"heloName\":\"localhost\"}"))
            .hasMessageStartingWith("heloName: must be a fully-qualified host name");
        assertThatThrownBy(() -> json.parse("warm", "{\"addresses\":[\"127.0.0.2\"]}"))
            .hasMessageStartingWith("heloName: must be a fully-qualified host name");
    }

    @Test
    void aBadPoolNameIsNamed() {
        assertThatThrownBy(() -> json.parse("warm pool", "{\"addresses\":[\"127.0.0.2\"],\"heloName\":\"mta1.example.net\"}"))
            .hasMessageStartingWith("name: must be an IP pool name");
    }

    @Test
    void anUnknownFieldIsNamed() {
        assertThatThrownBy(() -> json.parse("warm", "{\"addresses\":[\"127.0.0.2\"],\"heloName\":\"mta1.example.net\",\"ips\":[]}"))
            .hasMessageStartingWith("ips: is not a known field");
    }

    @Test
    void anotherPoolsNameIsRefused() {
        assertThatThrownBy(() -> json.parse("warm", "{\"name\":\"cold\",\"addresses\":[\"127.0.0.2\"],\"heloName\":\"mta1.example.net\"}"))
            .hasMessageStartingWith("name: must be the pool of the path");
    }
}
