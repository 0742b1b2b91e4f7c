package org.smtpplus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's table of SMTPPLUS_* variables against what ./smtpplus run does with them: a variable of a
 * smtpplus.* key replaces its line of conf/smtpplus.properties, whose value is the default; the launcher's own
 * variables (home, ports, SMTP limits) have their defaults in LauncherSettings.
 */
class SettingsReferenceTest {
    private static final Path CONF = Path.of("..", "conf", "smtpplus.properties");
    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(SMTPPLUS_[A-Z_]+)` \\| ([^|]*) \\|");
    // Set in conf/smtpplus.properties only: a cluster's Cassandra topology is no try-out setting.
    private static final Set<String> WITHOUT_VARIABLE = Set.of("smtpplus.cassandra.replication", "smtpplus.cassandra.datacenter");

    @Test
    void everyKeyButTheClusterTopologyHasAVariableDocumentedWithTheShippedDefault() throws Exception {
        Map<String, String> shipped = shipped();
        Map<String, String> documented = documented();

        Set<String> passed = new HashSet<>(HomeLayout.PASSED_AS_SET);
        passed.addAll(WITHOUT_VARIABLE);
        assertThat(passed).containsExactlyInAnyOrderElementsOf(shipped.keySet());
        for (String key : HomeLayout.PASSED_AS_SET) {
            String variable = LauncherSettings.variableOf(key);
            assertThat(documented).as(variable).containsKey(variable);
            if (!shipped.get(key).isEmpty()) {
                assertThat(documented.get(variable).replace("`", "")).as(variable).isEqualTo(shipped.get(key));
            }
        }
    }

    @Test
    void theLaunchersOwnVariablesAreDocumentedWithItsDefaults() throws Exception {
        Map<String, String> documented = documented();
        LauncherSettings defaults = new LauncherSettings(Map.of());

        Map<String, String> own = new LinkedHashMap<>();
        own.put("SMTPPLUS_HOME", "target/smtpplus-home");
        own.put("SMTPPLUS_SMTP_PORT", String.valueOf(defaults.smtpPort()));
        own.put("SMTPPLUS_SUBMISSION_PORT", String.valueOf(defaults.submissionPort()));
        own.put("SMTPPLUS_SMTPS_PORT", String.valueOf(defaults.smtpsPort()));
        own.put("SMTPPLUS_WEBADMIN_PORT", String.valueOf(defaults.webadminPort()));
        own.put("SMTPPLUS_CONNECTIONS_PER_IP", String.valueOf(defaults.connectionsPerIp()));
        own.put("SMTPPLUS_TRUSTED_NETWORKS", "empty");
        own.put(WebAdminJwtKey.VARIABLE, "unset");
        assertThat(defaults.home()).isEqualTo(Path.of("target/smtpplus-home").toAbsolutePath());
        assertThat(defaults.trustedNetworks()).isEmpty();
        assertThat(defaults.webadminJwtPublicKey()).isEmpty();
        own.forEach((variable, value) -> {
            assertThat(documented).as(variable).containsKey(variable);
            assertThat(documented.get(variable).replace("`", "")).as(variable).isEqualTo(value);
        });

        Set<String> every = new HashSet<>(own.keySet());
        HomeLayout.PASSED_AS_SET.forEach(key -> every.add(LauncherSettings.variableOf(key)));
        assertThat(every).containsExactlyInAnyOrderElementsOf(documented.keySet());
    }

    private static Map<String, String> documented() throws Exception {
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        while (row.find()) {
            rows.put(row.group(1), row.group(2).trim());
        }
        return rows;
    }

    private static Map<String, String> shipped() throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(CONF, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        }
        Map<String, String> lines = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> lines.put(key, properties.getProperty(key).trim()));
        return lines;
    }
}
