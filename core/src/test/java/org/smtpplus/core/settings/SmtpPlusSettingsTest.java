package org.smtpplus.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SmtpPlusSettingsTest {
    private static SmtpPlusSettings parse(Map<String, String> values) throws InvalidSettingException {
        return SmtpPlusSettings.from(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void absentKeysGiveTheContractDefaults() throws Exception {
        assertThat(parse(Map.of())).isEqualTo(SmtpPlusSettings.DEFAULT);
        assertThat(SmtpPlusSettings.DEFAULT.publicUrl()).isEqualTo(URI.create("http://localhost:8090"));
        assertThat(SmtpPlusSettings.DEFAULT.bounceDomain()).isEqualTo("bounces.localhost");
        assertThat(SmtpPlusSettings.DEFAULT.gateway()).isEmpty();
    }

    @Test
    void readsEveryKey() throws Exception {
        SmtpPlusSettings settings = parse(Map.of(
            "smtpplus.public.url", "https://mail.example.com",
            "smtpplus.bounce.domain", "Bounces.Example.com",
            "smtpplus.gateway", "smtp.example.net:587"));

        assertThat(settings.publicUrl()).isEqualTo(URI.create("https://mail.example.com"));
        assertThat(settings.bounceDomain()).isEqualTo("bounces.example.com");
        assertThat(settings.gateway()).contains("smtp.example.net:587");
    }

    @Test
    void thePublicListenerAndTheTokenSecret() throws Exception {
        SmtpPlusSettings settings = parse(Map.of("smtpplus.public.port", "9090", "smtpplus.secret", "sixteen chars at least"));

        assertThat(settings.publicPort()).isEqualTo(9090);
        assertThat(settings.secret()).contains("sixteen chars at least");
        assertThat(settings.toString()).doesNotContain("sixteen chars at least");
        assertThat(SmtpPlusSettings.DEFAULT.publicPort()).isEqualTo(8090);
        assertThat(SmtpPlusSettings.DEFAULT.secret()).isEmpty();
    }

    @Test
    void thePublicListenersAddressAndRateLimit() throws Exception {
        SmtpPlusSettings settings = parse(Map.of("smtpplus.public.bind", " 127.0.0.2 ", "smtpplus.public.rate.limit", "30"));

        assertThat(settings.publicBind()).isEqualTo("127.0.0.2");
        assertThat(settings.publicRateLimit()).isEqualTo(30);
        assertThat(parse(Map.of("smtpplus.public.bind", "0:0:0:0:0:0:0:1")).publicBind()).isEqualTo("::1");
        assertThat(parse(Map.of("smtpplus.public.rate.limit", "0")).publicRateLimit()).as("no limit").isZero();
        assertThat(SmtpPlusSettings.DEFAULT.publicBind()).isEqualTo("0.0.0.0");
        assertThat(SmtpPlusSettings.DEFAULT.publicRateLimit()).isEqualTo(600);
    }

    @Test
    void theBindAddressIsAnIpLiteralAndTheRateLimitANumber() {
        // A host name would be looked up in DNS: refused, as are the shorthand forms inet_aton would take.
        for (String bad : new String[] {"localhost", "127.1", "256.0.0.1", "[::1]", "::1::2", "0.0.0.0:8090"}) {
            assertThatThrownBy(() -> parse(Map.of("smtpplus.public.bind", bad)))
                .hasMessage("smtpplus.public.bind=" + bad + ": must be an IP address of this host, like 0.0.0.0 (every interface), 127.0.0.1 or ::1");
        }
        for (String bad : new String[] {"-1", "1000001", "many", "10/s"}) {
            assertThatThrownBy(() -> parse(Map.of("smtpplus.public.rate.limit", bad)))
                .hasMessage("smtpplus.public.rate.limit=" + bad + ": must be a number of requests a minute per client address, from 0 (no limit) to 1000000");
        }
    }

    @Test
    void theCassandraSchedulerNeedsTheCassandraStore() throws Exception {
        assertThat(SmtpPlusSettings.DEFAULT.scheduler()).isEqualTo(SmtpPlusSettings.SchedulerKind.QUEUE);
        assertThat(parse(Map.of("smtpplus.scheduler", "cassandra", "smtpplus.store", "cassandra")).scheduler())
            .isEqualTo(SmtpPlusSettings.SchedulerKind.CASSANDRA);
        assertThatThrownBy(() -> parse(Map.of("smtpplus.scheduler", "cassandra")))
            .hasMessage("smtpplus.scheduler=cassandra: needs smtpplus.store=cassandra, where the parked mail is kept");
        assertThatThrownBy(() -> parse(Map.of("smtpplus.scheduler", "rabbit")))
            .hasMessage("smtpplus.scheduler=rabbit: must be queue or cassandra");
    }

    @Test
    void aBadPortOrAShortSecretIsRefusedWithoutPrintingTheSecret() {
        assertThatThrownBy(() -> parse(Map.of("smtpplus.public.port", "70000")))
            .hasMessage("smtpplus.public.port=70000: must be a port number from 1 to 65535");
        assertThatThrownBy(() -> parse(Map.of("smtpplus.secret", "short-secret")))
            .hasMessageContaining("smtpplus.secret")
            .hasMessageContaining("at least 16")
            .hasMessageNotContaining("short-secret");
    }

    @Test
    void rejectionsNameTheKeyAndValue() {
        assertThatThrownBy(() -> parse(Map.of("smtpplus.gateway", "a host:25")))
            .hasMessage("smtpplus.gateway=a host:25: must be host or host:port");
        assertThatThrownBy(() -> parse(Map.of("smtpplus.public.url", "ftp://x")))
            .hasMessageContaining("smtpplus.public.url=ftp://x");
        assertThatThrownBy(() -> parse(Map.of("smtpplus.bounce.domain", "bad_domain!")))
            .hasMessageContaining("smtpplus.bounce.domain=bad_domain!");
    }
}
