package org.smtpplus.core.account;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Describes user values for error messages, short and on one line.
 */
final class JsonNodes {
    private static final int MAX_QUOTED_CHARS = 60;
    private static final String ELLIPSIS = "...";

    /**
     * The JSON type of a node, with its value when that is a scalar, for "got ..." in error messages.
     */
    static String describe(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT:
                return "an object";
            case ARRAY:
                return "an array";
            case STRING:
                return "a string " + quote(node.textValue());
            case NUMBER:
                return "a number " + numberText(node);
            case BOOLEAN:
                return "a boolean " + node.booleanValue();
            case NULL:
                return "null";
            default:
                return node.getNodeType().name().toLowerCase(Locale.ROOT);
        }
    }

    static String numberText(JsonNode number) {
        return shorten(number.asText());
    }

    /**
     * A user value in double quotes, control characters escaped, cut to about 60 characters.
     */
    static String quote(String value) {
        StringBuilder escaped = new StringBuilder();
        value.chars().forEach(c -> escaped.append(escape((char) c)));
        return '"' + shorten(escaped.toString()) + '"';
    }

    private static String escape(char c) {
        if (c == '"' || c == '\\') {
            return "\\" + c;
        }
        if (Character.isISOControl(c)) {
            return String.format("\\u%04x", (int) c);
        }
        return String.valueOf(c);
    }

    private static String shorten(String text) {
        if (text.length() <= MAX_QUOTED_CHARS) {
            return text;
        }
        return text.substring(0, MAX_QUOTED_CHARS) + ELLIPSIS;
    }

    private JsonNodes() {
    }
}
