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
    void theOpenSearchCapsTakeAPositiveCountAndASizeInBytesOrWithABinaryUnit() throws Exception {
        assertThat(SmtpPlusSettings.DEFAULT.openSearchMemoryMaxEvents()).isEqualTo(20_000);
        assertThat(SmtpPlusSettings.DEFAULT.openSearchJournalMaxBytes()).isEqualTo(4L << 30);

        SmtpPlusSettings settings = parse(Map.of("smtpplus.opensearch.memory.max.events", "5",
            "smtpplus.opensearch.journal.max.size", "512MB"));

        assertThat(settings.openSearchMemoryMaxEvents()).isEqualTo(5);
        assertThat(settings.openSearchJournalMaxBytes()).isEqualTo(512L << 20);
        assertThat(journalMaxBytes("2000")).isEqualTo(2000);
        assertThat(journalMaxBytes("2000B")).isEqualTo(2000);
        assertThat(journalMaxBytes("64kb")).isEqualTo(64L << 10);
        assertThat(journalMaxBytes("4G")).isEqualTo(4L << 30);
        assertThat(journalMaxBytes("2TB")).isEqualTo(2L << 40);
    }

    private static long journalMaxBytes(String value) throws InvalidSettingException {
        return parse(Map.of("smtpplus.opensearch.journal.max.size", value)).openSearchJournalMaxBytes();
    }

    @Test
    void aCapThatIsNotPositiveOrNotASizeIsRefusedNamingIt() {
        assertThatThrownBy(() -> parse(Map.of("smtpplus.opensearch.memory.max.events", "0")))
            .hasMessage("smtpplus.opensearch.memory.max.events=0: must be a positive number of events");
        assertThatThrownBy(() -> parse(Map.of("smtpplus.opensearch.memory.max.events", "20k")))
            .hasMessage("smtpplus.opensearch.memory.max.events=20k: must be a positive number of events");
        for (String size : new String[] {"0", "0GB", "-1", "4 GB", "4XB", "1.5GB", "GB", "9999999999999999999", "8388608TB"}) {
            assertThatThrownBy(() -> parse(Map.of("smtpplus.opensearch.journal.max.size", size)))
                .hasMessage("smtpplus.opensearch.journal.max.size=" + size
                    + ": must be a positive size like 4GB, 512MB, 64KB or a number of bytes");
        }
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
