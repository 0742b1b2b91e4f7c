package org.smtpplus.core.bounce.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.smtpplus.core.mime.EncodedWords;

/**
 * Fields in the syntax of RFC 5322 section 2.2, which a message header, a delivery-status (RFC 3464 section 2.1) and
 * a feedback report (RFC 5965 section 3) all use: {@code Name: value}, folded onto lines that start with white space.
 */
final class HeaderFields {
    // RFC 5322 section 3.6.8: a field name is printable US-ASCII except the colon
    private static final Pattern FIELD_START = Pattern.compile("^([!-9;-~]+)[ \t]*:(.*)$");
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    /** Every field of the text; blank lines between them are ignored. */
    static HeaderFields parse(String text) {
        return new HeaderFields(read(text, Boundary.IGNORE).stream()
            .flatMap(List::stream)
            .collect(Collectors.toList()));
    }

    /** The groups of fields the text has, blank lines between them, empty groups left out. */
    static List<HeaderFields> parseGroups(String text) {
        return read(text, Boundary.SEPARATES_GROUPS).stream()
            .map(HeaderFields::new)
            .collect(Collectors.toList());
    }

    /** The header of a message: its fields up to the first blank line. */
    static HeaderFields parseHeaderOf(String message) {
        return read(message, Boundary.ENDS).stream()
            .findFirst()
            .map(HeaderFields::new)
            .orElse(new HeaderFields(List.of()));
    }

    private enum Boundary {
        IGNORE,
        SEPARATES_GROUPS,
        ENDS
    }

    private static List<List<Field>> read(String text, Boundary boundary) {
        List<List<Field>> groups = new ArrayList<>();
        List<Field> group = new ArrayList<>();
        StringBuilder value = null;
        String name = null;
        for (String line : LINE_BREAK.split(text, -1)) {
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (continuation && !line.isBlank()) {
                if (value != null) {
                    value.append(line);
                }
                continue;
            }
            if (name != null) {
                group.add(new Field(name, value.toString().trim()));
                name = null;
                value = null;
            }
            if (line.isBlank()) {
                if (boundary == Boundary.IGNORE || group.isEmpty()) {
                    continue;
                }
                groups.add(group);
                if (boundary == Boundary.ENDS) {
                    return groups;
                }
                group = new ArrayList<>();
                continue;
            }
            Matcher field = FIELD_START.matcher(line);
            if (field.matches()) {
                name = field.group(1);
                value = new StringBuilder(field.group(2));
            }
        }
        if (name != null) {
            group.add(new Field(name, value.toString().trim()));
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    private static final class Field {
        private final String name;
        private final String value;

        private Field(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }

    private final List<Field> fields;

    private HeaderFields(List<Field> fields) {
        this.fields = fields;
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    boolean has(String name) {
        return fields.stream().anyMatch(field -> field.name.equalsIgnoreCase(name));
    }

    /** Unfolded and trimmed. */
    Optional<String> first(String name) {
        return fields.stream()
            .filter(field -> field.name.equalsIgnoreCase(name))
            .map(field -> field.value)
            .findFirst();
    }

    List<String> all(String name) {
        return fields.stream()
            .filter(field -> field.name.equalsIgnoreCase(name))
            .map(field -> field.value)
            .collect(Collectors.toList());
    }

    /** The first value with its RFC 2047 encoded words decoded, as a subject needs. */
    Optional<String> decodedFirst(String name) {
        return first(name).map(HeaderFields::decoded);
    }

    private static String decoded(String value) {
        try {
            return EncodedWords.decode(value);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    /** Lower-case names to their values, in order. */
    Map<String, List<String>> asMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        fields.forEach(field -> map.computeIfAbsent(field.name.toLowerCase(Locale.ROOT), key -> new ArrayList<>())
            .add(field.value));
        map.replaceAll((key, values) -> Collections.unmodifiableList(values));
        return map;
    }
}
