package org.smtpplus.core.directive;

import java.math.BigDecimal;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

final class JsonValues {
    // Beyond this the plain form of a number like 1e999999999 would be absurdly long
    private static final int MAX_PLAIN_SCALE = 32;

    /**
     * The JSON type of a node, with its value when that is short, for "got ..." in error messages.
     */
    static String describe(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT:
                return "an object";
            case ARRAY:
                return "an array";
            case STRING:
                return "a string " + ReplyText.quote(node.textValue());
            case NUMBER:
                return isBeyondDouble(node)
                    ? "a number too large to be exact"
                    : "a number " + ReplyText.printable(numberText(node), ReplyText.MAX_QUOTED_CHARS);
            case BOOLEAN:
                return "a boolean " + node.booleanValue();
            case NULL:
                return "null";
            default:
                return node.getNodeType().name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Jackson reads a decimal beyond the range of a double (1e999999999) as an infinite double, its digits lost.
     */
    static boolean isBeyondDouble(JsonNode number) {
        return number.isDouble() && Double.isInfinite(number.doubleValue());
    }

    /**
     * A number as JSON number text: integers in full, decimals in plain notation keeping their written
     * precision ({@code 19.90}), and scientific notation only when the plain form would be very long. Not for a
     * number {@link #isBeyondDouble}.
     */
    static String numberText(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.bigIntegerValue().toString();
        }
        BigDecimal decimal = number.decimalValue();
        if (decimal.scale() >= -MAX_PLAIN_SCALE && decimal.scale() <= MAX_PLAIN_SCALE) {
            return decimal.toPlainString();
        }
        return decimal.toString();
    }

    private JsonValues() {
    }
}
