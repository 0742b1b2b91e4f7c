package org.smtpplus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.settings.SettingsReference;

/**
 * docs/configuration.md's table of SMTPPLUS_* variables against what ./smtpplus run does with them: a variable of a
 * smtpplus.* key replaces its line of conf/smtpplus.properties, whose value is the default; the launcher's own
 * variables (home, ports, SMTP limits) have their defaults in LauncherSettings.
 */
class SettingsReferenceTest {
    // Set in conf/smtpplus.properties only: a cluster's Cassandra topology is no try-out setting.
    private static final Set<String> WITHOUT_VARIABLE = Set.of("smtpplus.cassandra.replication", "smtpplus.cassandra.datacenter");

    @Test
    void everyKeyButTheClusterTopologyHasAVariableDocumentedWithTheShippedDefault() throws Exception {
        Map<String, String> shipped = SettingsReference.shipped();
        Map<String, String> documented = SettingsReference.documented("`./smtpplus run` settings", name -> name.startsWith("SMTPPLUS_"));

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
        Map<String, String> documented = SettingsReference.documented("`./smtpplus run` settings", name -> name.startsWith("SMTPPLUS_"));
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
}
