package org.smtpplus.core.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * The two statements of the settings a module's tests check their code against: conf/smtpplus.properties, the table of
 * every key with its default, and the rows of docs/configuration.md's tables. Paths are from a module's directory.
 */
public final class SettingsReference {
    private static final Path CONF = Path.of("..", "conf", "smtpplus.properties");
    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    private SettingsReference() {
    }

    /** Each key of conf/smtpplus.properties and its value, trimmed, in no particular order. */
    public static Map<String, String> shipped() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(CONF, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        }
        Map<String, String> lines = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> lines.put(key, properties.getProperty(key).trim()));
        return lines;
    }

    /**
     * The rows of one section of docs/configuration.md, the one whose {@code ## } heading is {@code heading}, whose
     * first cell is a code span naming a setting, {@code | `name` | default |}, keyed by that name, with the second cell
     * trimmed as the value. Other sections' tables name files and classes.
     */
    public static Map<String, String> documented(String heading, Predicate<String> setting) throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## " + heading);
                continue;
            }
            int nameEnd = line.indexOf("` |", 3);
            if (!inSection) {
                continue;
            }
            if (!line.startsWith("| `") || nameEnd < 0) {
                continue;
            }
            String name = line.substring(3, nameEnd);
            String rest = line.substring(nameEnd + 3);
            int cellEnd = rest.indexOf('|');
            if (cellEnd >= 0 && setting.test(name)) {
                rows.put(name, rest.substring(0, cellEnd).trim());
            }
        }
        return rows;
    }
}
