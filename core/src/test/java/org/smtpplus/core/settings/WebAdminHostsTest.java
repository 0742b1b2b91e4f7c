package org.smtpplus.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebAdminHostsTest {
    private static final WebAdminHosts SHIPPED = WebAdminHosts.of("127.0.0.1", List.of());

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:8000", "localhost", "localhost:8000", "LocalHost:8000", "[::1]", "[::1]:8000",
        "[0:0:0:0:0:0:0:1]:8000", "[::ffff:127.0.0.1]:8000", "localhost:"})
    void theLoopbackNamesAreAnsweredWhateverThePortAndCase(String host) {
        assertThat(SHIPPED.allows(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil.example:8000",
        "127.0.0.2", "0.0.0.0:8000", "[::2]:8000", "[::1", "::1", "[::1]x", "localhost:80a", "localhost:123456",
        "local host", "localhost\r\nX: y", "[abc]", "[::1%eth0]", "", " "})
    void anyOtherNameOrAMalformedHeaderIsRefused(String host) {
        assertThat(SHIPPED.allows(host)).isFalse();
    }

    @Test
    void noHostHeaderAndAnOverlongOneAreRefused() {
        assertThat(SHIPPED.allows(null)).isFalse();
        assertThat(SHIPPED.allows("a".repeat(100_000) + ".localhost")).isFalse();
        assertThat(SHIPPED.allows("[" + ":".repeat(100_000))).isFalse();
    }

    @Test
    void theBoundAddressAndTheAllowedNamesAreAnsweredButNoWildcard() {
        WebAdminHosts hosts = WebAdminHosts.of("10.1.2.3", List.of("Admin.Example.com", "[2001:DB8::1]", "2001:db8::2"));

        assertThat(hosts.allows("10.1.2.3:8000")).isTrue();
        assertThat(hosts.allows("admin.example.COM")).isTrue();
        assertThat(hosts.allows("[2001:db8:0:0:0:0:0:1]:443")).isTrue();
        assertThat(hosts.allows("[2001:db8::2]")).isTrue();
        assertThat(hosts.allows("example.com")).isFalse();
        assertThat(WebAdminHosts.of("0.0.0.0", List.of()).names()).containsExactly("127.0.0.1", "localhost", "[0:0:0:0:0:0:0:1]");
        assertThat(WebAdminHosts.of("::", List.of()).names()).containsExactly("127.0.0.1", "localhost", "[0:0:0:0:0:0:0:1]");
    }

    @Test
    void normalizeTakesNamesAndAddressesWithoutAPort() {
        assertThat(WebAdminHosts.normalize("Admin.Example")).contains("admin.example");
        assertThat(WebAdminHosts.normalize("::1")).contains("[0:0:0:0:0:0:0:1]");
        assertThat(WebAdminHosts.normalize("[::1]")).contains("[0:0:0:0:0:0:0:1]");
        assertThat(WebAdminHosts.normalize("admin.example:8000")).isEmpty();
        assertThat(WebAdminHosts.normalize("admin example")).isEmpty();
        assertThat(WebAdminHosts.normalize("")).isEmpty();
    }

    @Test
    void anOriginIsWebAdminsOwnOnWebAdminsPortOrAtAnAllowedName() {
        WebAdminHosts hosts = WebAdminHosts.of("127.0.0.1", List.of("admin.example"));

        assertThat(hosts.allowsOrigin("http://127.0.0.1:8000", 8000)).isTrue();
        assertThat(hosts.allowsOrigin("http://LocalHost:8000", 8000)).isTrue();
        assertThat(hosts.allowsOrigin("http://[::1]:8000", 8000)).isTrue();
        assertThat(hosts.allowsOrigin("http://localhost", 80)).isTrue();
        assertThat(hosts.allowsOrigin("https://admin.example", 8000)).isTrue();
        assertThat(hosts.allowsOrigin("https://admin.example:8443", 8000)).isTrue();
        // Another service of the same host is another site.
        assertThat(hosts.allowsOrigin("http://127.0.0.1:3000", 8000)).isFalse();
        assertThat(hosts.allowsOrigin("http://localhost", 8000)).isFalse();
        assertThat(hosts.allowsOrigin("http://evil.example:8000", 8000)).isFalse();
        assertThat(hosts.allowsOrigin("null", 8000)).isFalse();
        assertThat(hosts.allowsOrigin("file://", 8000)).isFalse();
        assertThat(hosts.allowsOrigin("http://127.0.0.1:8000/path", 8000)).isFalse();
        assertThat(hosts.allowsOrigin("http://127.0.0.1:80x", 8000)).isFalse();
        assertThat(hosts.allowsOrigin("http://" + "a".repeat(400), 8000)).isFalse();
    }
}
