package org.smtpplus.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The settings are one table, conf/smtpplus.properties: every key with its default and the comment that documents it,
 * which ./smtpplus run leaves as it is unless the key's SMTPPLUS_* variable is set. SmtpPlusSettings holds their
 * checks, and the defaults of keys a deployed James leaves out; docs/configuration.md has a row for each. These must
 * agree.
 */
class SettingsReferenceTest {
    @Test
    void theShippedFileHasALineForEveryKeyTheRelayReadsAndNoOther() throws Exception {
        Set<String> read = new LinkedHashSet<>();
        SmtpPlusSettings.from(key -> {
            read.add(key);
            return Optional.empty();
        });

        assertThat(SettingsReference.shipped().keySet()).containsExactlyInAnyOrderElementsOf(read);
    }

    @Test
    void eachShippedValueIsTheDefaultOfAnAbsentKey() throws Exception {
        for (Map.Entry<String, String> line : SettingsReference.shipped().entrySet()) {
            if (!line.getValue().isEmpty()) {
                assertThat(SmtpPlusSettings.from(key -> key.equals(line.getKey()) ? Optional.of(line.getValue()) : Optional.empty()))
                    .as("%s=%s", line.getKey(), line.getValue())
                    .isEqualTo(SmtpPlusSettings.from(key -> Optional.empty()));
            }
        }
    }

    @Test
    void theConfigurationReferenceHasEveryKeyWithItsDefault() throws Exception {
        Map<String, String> documented = SettingsReference.documented("`conf/smtpplus.properties`", name -> name.startsWith("smtpplus."));

        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(SettingsReference.shipped().keySet());
        SettingsReference.shipped().forEach((key, value) -> {
            String shown = documented.get(key);
            if (value.isEmpty()) {
                assertThat(shown).as(key).startsWith("empty");
            } else {
                assertThat(shown.replace("`", "")).as(key).isEqualTo(value);
            }
        });
    }
}
