package org.smtpplus.core.json;

import java.util.Locale;
import java.util.function.IntPredicate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Describes user values for error messages: short, on one line, and escaped as {@code \}{@code uXXXX} where the
 * message may not hold a character as it is.
 */
public final class JsonDescriptions {
    /**
     * For messages in Unicode text, such as a JSON response: only control characters are escaped.
     */
    public static final JsonDescriptions UNICODE = new JsonDescriptions(c -> !Character.isISOControl(c));
    /**
     * For SMTP replies: RFC 5321 section 4.2 allows only printable US-ASCII in a reply text.
     */
    public static final JsonDescriptions PRINTABLE_ASCII = new JsonDescriptions(c -> c >= 0x20 && c <= 0x7E);

    private static final int MAX_QUOTED_CHARS = 60;
    private static final String ELLIPSIS = "...";

    private final IntPredicate keptAsIs;

    private JsonDescriptions(IntPredicate keptAsIs) {
        this.keptAsIs = keptAsIs;
    }

    /**
     * The JSON type of a node, with its value when that is a scalar, for "got ..." in error messages.
     */
    public String describe(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT:
                return "an object";
            case ARRAY:
                return "an array";
            case STRING:
                return "a string " + quote(node.textValue());
            case NUMBER:
                return JsonNumbers.isBeyondDouble(node)
                    ? "a number too large to be exact"
                    : "a number " + numberText(node);
            case BOOLEAN:
                return "a boolean " + node.booleanValue();
            case NULL:
                return "null";
            default:
                return node.getNodeType().name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The {@link JsonNumbers#text} of a number, cut to about 60 characters.
     */
    public String numberText(JsonNode number) {
        return escape(JsonNumbers.text(number), MAX_QUOTED_CHARS, false);
    }

    /**
     * A user value in double quotes, escaped like a JSON string and cut to about 60 characters.
     */
    public String quote(String value) {
        return '"' + escape(value, MAX_QUOTED_CHARS, true) + '"';
    }

    /**
     * Escapes the characters the message may not hold and cuts the result to {@code maxChars}, never within an
     * escape.
     */
    public String escape(String text, int maxChars) {
        return escape(text, maxChars, false);
    }

    private String escape(String text, int maxChars, boolean inQuotes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            String escaped = escape(text.charAt(i), inQuotes);
            if (out.length() + escaped.length() > maxChars) {
                return out.append(ELLIPSIS).toString();
            }
            out.append(escaped);
        }
        return out.toString();
    }

    private String escape(char c, boolean inQuotes) {
        if (inQuotes && (c == '"' || c == '\\')) {
            return "\\" + c;
        }
        if (keptAsIs.test(c)) {
            return String.valueOf(c);
        }
        return String.format("\\u%04x", (int) c);
    }
}
