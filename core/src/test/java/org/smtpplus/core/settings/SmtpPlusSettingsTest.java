package org.smtpplus.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.bounce.BouncePhrases;
import org.junit.jupiter.api.io.TempDir;

class SmtpPlusSettingsTest {
    private static final String STRONG_SECRET = "0927e2ea4c054eedf3a2d461e7da9a9eadb15ba2f9920f50f9403e99efacae5e";

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
        SmtpPlusSettings settings = parse(Map.of("smtpplus.public.port", "9090", "smtpplus.secret", STRONG_SECRET));

        assertThat(settings.publicPort()).isEqualTo(9090);
        assertThat(settings.secret()).contains(STRONG_SECRET);
        assertThat(settings.toString()).doesNotContain(STRONG_SECRET);
        assertThat(SmtpPlusSettings.DEFAULT.publicPort()).isEqualTo(8090);
        assertThat(SmtpPlusSettings.DEFAULT.secret()).isEmpty();
    }

    @Test
    void thePublicUrlDefaultsToThePublicListenersPort() throws Exception {
        assertThat(parse(Map.of("smtpplus.public.port", "9091")).publicUrl()).isEqualTo(URI.create("http://localhost:9091"));
        assertThat(parse(Map.of("smtpplus.public.port", "9091", "smtpplus.public.url", "https://links.example.com")).publicUrl())
            .isEqualTo(URI.create("https://links.example.com"));
    }

    @Test
    void anInvalidSettingIsNamedAsTheUserSetIt() {
        assertThatThrownBy(() -> new SettingsCheck().apply(key -> Optional.of("bad value").filter(v -> key.equals("smtpplus.gateway")),
                key -> key.equals("smtpplus.gateway") ? "SMTPPLUS_GATEWAY" : key))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("SMTPPLUS_GATEWAY=bad value: must be host or host:port");
        assertThat(new SettingsCheck().apply(key -> Optional.<String>empty(), key -> key))
            .containsEntry("smtpplus.public.url", "http://localhost:8090").containsEntry("smtpplus.public.bind", "0.0.0.0")
            .containsEntry("smtpplus.public.port", "8090").containsEntry("smtpplus.store", "memory");
        assertThat(new SettingsCheck().apply(key -> Optional.of("Cassandra").filter(v -> key.equals("smtpplus.store")), key -> key))
            .containsEntry("smtpplus.store", "cassandra");
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
            .hasMessageNotContaining("short-secret");
    }

    @Test
    void aSecretOfLessThan32BytesOfEntropyIsRefusedWithHowToMakeOne() throws Exception {
        // Long enough for the old rule of 16 characters, far too weak for a signing key.
        assertThatThrownBy(() -> parse(Map.of("smtpplus.secret", "passwordpasswordpasswordpassword")))
            .hasMessage("smtpplus.secret=(not shown: 32 characters repeating their first 8 (lower-case letters), 7 different, "
                + "an estimated 37 bits): too weak (SMTPPLUS_SECRET for ./smtpplus run): it must be a random key of an estimated "
                + "256 bits (32 bytes) or more with at least 10 different characters (length times log2 of the character kinds "
                + "it uses); make one with: openssl rand -hex 32");
        assertThat(parse(Map.of("smtpplus.secret", "2yQXzOP8T+T/QO/037wNiAJFsyeBBnJAsALyDlkoM2g=")).secret()).isPresent();
    }

    @Test
    void webAdminHostsAreNamesOrAddressesWithoutAPort() throws Exception {
        assertThat(SmtpPlusSettings.DEFAULT.webAdminHosts()).isEmpty();
        assertThat(parse(Map.of("smtpplus.webadmin.hosts", "Admin.Example, [::1],10.0.0.1")).webAdminHosts())
            .containsExactly("admin.example", "[0:0:0:0:0:0:0:1]", "10.0.0.1");
        assertThatThrownBy(() -> parse(Map.of("smtpplus.webadmin.hosts", "admin.example:8000")))
            .hasMessage("smtpplus.webadmin.hosts=admin.example:8000: must be comma-separated host names or IP addresses, without a port");
        assertThatThrownBy(() -> parse(Map.of("smtpplus.webadmin.hosts", "admin.example,,b.example")))
            .hasMessageContaining("smtpplus.webadmin.hosts=admin.example,,b.example");
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

    @Test
    void thePostmasterAddressAndTheAuthLimits() throws Exception {
        SmtpPlusSettings settings = parse(Map.of(
            "smtpplus.postmaster", "Ops@Shop.Example",
            "smtpplus.auth.failures.per.address", "5",
            "smtpplus.auth.failures.per.account", "0",
            "smtpplus.auth.lockout", "PT1H"));

        assertThat(settings.postmaster()).contains("ops@shop.example");
        assertThat(settings.authLimits().failuresPerAddress()).isEqualTo(5);
        assertThat(settings.authLimits().failuresPerAccount()).isZero();
        assertThat(settings.authLimits().window()).hasHours(1);
        assertThat(SmtpPlusSettings.DEFAULT.postmaster()).isEmpty();
        assertThat(SmtpPlusSettings.DEFAULT.authLimits().failuresPerAddress()).isEqualTo(10);
        assertThat(SmtpPlusSettings.DEFAULT.authLimits().failuresPerAccount()).isEqualTo(20);
        assertThat(SmtpPlusSettings.DEFAULT.authLimits().window()).hasMinutes(15);
    }

    @Test
    void badPostmasterOrAuthLimitsAreRefusedNamingKeyAndValue() {
        assertThatThrownBy(() -> parse(Map.of("smtpplus.postmaster", "ops")))
            .hasMessage("smtpplus.postmaster=ops: must be an email address");
        assertThatThrownBy(() -> parse(Map.of("smtpplus.postmaster", "ops@bounces.localhost")))
            .hasMessage("smtpplus.postmaster=ops@bounces.localhost: must be an address elsewhere than the bounce domain bounces.localhost");
        assertThatThrownBy(() -> parse(Map.of("smtpplus.auth.failures.per.address", "0")))
            .hasMessage("smtpplus.auth.failures.per.address=0: must be a whole number from 1 to 10000");
        assertThatThrownBy(() -> parse(Map.of("smtpplus.auth.failures.per.account", "-1")))
            .hasMessage("smtpplus.auth.failures.per.account=-1: must be a whole number from 0 to 10000");
        assertThatThrownBy(() -> parse(Map.of("smtpplus.auth.lockout", "PT10S")))
            .hasMessage("smtpplus.auth.lockout=PT10S: must be an ISO-8601 duration from PT1M to P1D, like PT15M");
    }

    @Test
    void theBouncePhraseTableIsAReadableFileOfUsableLines(@TempDir Path directory) throws Exception {
        Path table = Files.writeString(directory.resolve("phrases.txt"), "# ours\nuser_unknown\tutente inesistente\tItalian ISP\n",
            StandardCharsets.UTF_8);

        SmtpPlusSettings settings = parse(Map.of("smtpplus.bounce.phrases", table.toString()));
        assertThat(settings.bouncePhrases()).contains(table);
        // Read once, here: the relay classifies with the table the settings built.
        assertThat(settings.bouncePhraseTable().bestMatch("550 utente inesistente").map(match -> match.reason().asJson()))
            .contains("user_unknown");
        assertThat(SmtpPlusSettings.DEFAULT.bouncePhrases()).isEmpty();
        assertThat(SmtpPlusSettings.DEFAULT.bouncePhraseTable()).isSameAs(BouncePhrases.builtIn());
    }

    @Test
    void aBouncePhraseTableThatCannotBeUsedIsRefusedNamingTheLine(@TempDir Path directory) throws Exception {
        Path missing = directory.resolve("missing.txt");
        Path bad = Files.writeString(directory.resolve("bad.txt"), "user_unknown\tno such user\tours\nunknown_reason\tgone\tours\n",
            StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parse(Map.of("smtpplus.bounce.phrases", missing.toString())))
            .hasMessage("smtpplus.bounce.phrases=" + missing + ": must be a readable file");
        assertThatThrownBy(() -> parse(Map.of("smtpplus.bounce.phrases", directory.toString())))
            .hasMessage("smtpplus.bounce.phrases=" + directory + ": must be a readable file");
        assertThatThrownBy(() -> parse(Map.of("smtpplus.bounce.phrases", "conf/phrases.txt")))
            .hasMessage("smtpplus.bounce.phrases=conf/phrases.txt: must be an absolute path");
        assertThatThrownBy(() -> parse(Map.of("smtpplus.bounce.phrases", bad.toString())))
            .hasMessage("smtpplus.bounce.phrases=" + bad + ": bounce phrase table " + bad + " line 2: unknown reason 'unknown_reason'");
    }
}
