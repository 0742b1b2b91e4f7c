package org.smtpplus.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The settings are one table, conf/smtpplus.properties: every key with its default and the comment that documents it,
 * which ./smtpplus run leaves as it is unless the key's SMTPPLUS_* variable is set. SmtpPlusSettings holds their
 * checks, and the defaults of keys a deployed James leaves out; docs/configuration.md has a row for each. These must
 * agree.
 */
class SettingsReferenceTest {
    private static final Path CONF = Path.of("..", "conf", "smtpplus.properties");
    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(smtpplus\\.[a-z.]+)` \\| ([^|]*) \\|");

    @Test
    void theShippedFileHasALineForEveryKeyTheRelayReadsAndNoOther() throws Exception {
        Set<String> read = new LinkedHashSet<>();
        SmtpPlusSettings.from(key -> {
            read.add(key);
            return Optional.empty();
        });

        assertThat(shipped().keySet()).containsExactlyInAnyOrderElementsOf(read);
    }

    @Test
    void eachShippedValueIsTheDefaultOfAnAbsentKey() throws Exception {
        for (Map.Entry<String, String> line : shipped().entrySet()) {
            if (!line.getValue().isEmpty()) {
                assertThat(SmtpPlusSettings.from(key -> key.equals(line.getKey()) ? Optional.of(line.getValue()) : Optional.empty()))
                    .as("%s=%s", line.getKey(), line.getValue())
                    .isEqualTo(SmtpPlusSettings.from(key -> Optional.empty()));
            }
        }
    }

    @Test
    void theConfigurationReferenceHasEveryKeyWithItsDefault() throws Exception {
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = ROW.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        while (row.find()) {
            documented.put(row.group(1), row.group(2).trim());
        }

        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(shipped().keySet());
        shipped().forEach((key, value) -> {
            String shown = documented.get(key);
            if (value.isEmpty()) {
                assertThat(shown).as(key).startsWith("empty");
            } else {
                assertThat(shown.replace("`", "")).as(key).isEqualTo(value);
            }
        });
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
