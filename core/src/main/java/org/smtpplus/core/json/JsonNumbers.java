package org.smtpplus.core.json;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The text of JSON numbers as Jackson read them.
 */
public final class JsonNumbers {
    // Beyond this the plain form of a number like 1e999999999 would be absurdly long
    private static final int MAX_PLAIN_SCALE = 32;

    /**
     * Jackson reads a decimal beyond the range of a double (1e999999999) as an infinite double, its digits lost,
     * even when it keeps the other decimals exact.
     */
    public static boolean isBeyondDouble(JsonNode number) {
        return number.isDouble() && Double.isInfinite(number.doubleValue());
    }

    /**
     * A number as JSON number text: integers in full, exact decimals in plain notation keeping their written
     * precision ({@code 19.90}) and in scientific notation only when the plain form would be very long, doubles as
     * Java writes them ({@code 1.0E20}).
     */
    public static String text(JsonNode number) {
        if (!number.isBigDecimal()) {
            return number.asText();
        }
        BigDecimal decimal = number.decimalValue();
        if (decimal.scale() >= -MAX_PLAIN_SCALE && decimal.scale() <= MAX_PLAIN_SCALE) {
            return decimal.toPlainString();
        }
        return decimal.toString();
    }

    private JsonNumbers() {
    }
}
