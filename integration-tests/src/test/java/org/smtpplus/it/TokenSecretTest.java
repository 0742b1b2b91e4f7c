package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SMTPPLUS_SECRET: a key of less than an estimated 32 bytes of entropy stops the relay, which names the variable and
 * never prints the value; the settings file that holds a good one is readable by its owner only.
 */
class TokenSecretTest {
    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension();

    @Test
    void aWeakSecretStopsTheRelayNamingTheSettingButNotTheValue() throws Exception {
        // 32 characters: the old rule of 16 took it.
        String weak = "passwordpasswordpasswordpassword";
        Path home = Files.createTempDirectory("smtpplus-it-weak-secret-");

        assertThatThrownBy(() -> RelayProcess.start(home, Map.of("SMTPPLUS_SECRET", weak)).close())
            .hasMessageStartingWith("The relay exited with");

        String log = Files.readString(home.resolve("relay.log"));
        assertThat(log).contains("SMTPPLUS_SECRET=(not shown: 32 characters", "openssl rand -hex 32")
            .doesNotContain(weak).doesNotContain("SMTP+ relay ready");
        assertThat(Files.readString(home.resolve("conf/smtpplus.properties"))).contains("smtpplus.secret=" + weak);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("conf/smtpplus.properties"))))
            .isEqualTo("rw-------");
    }

    @Test
    void theSettingsFileHoldingTheSecretIsReadableByItsOwnerOnly() throws Exception {
        Path settings = RELAY.relay().home().resolve("conf/smtpplus.properties");

        assertThat(Files.readString(settings)).containsPattern("(?m)^smtpplus\\.secret=[0-9a-f]{64}$");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings))).isEqualTo("rw-------");
    }
}
