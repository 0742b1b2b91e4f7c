package org.smtpplus.core.usage;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A message accepted while the store could not count it (an account without a plan has nothing to enforce, so it is
 * not refused for that): the month it was accepted in and what it counts, carried with the mail until the store is
 * back. Written as {@code 2026-11 3 12000}.
 */
public final class UncountedUsage {
    public static UncountedUsage parse(String value) {
        String[] parts = Objects.requireNonNull(value, "value").trim().split(" ");
        if (parts.length != 3) {
            throw new IllegalArgumentException("Uncounted usage is 'month messages bytes', got '" + value + "'");
        }
        try {
            return new UncountedUsage(YearMonth.parse(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("Uncounted usage is 'month messages bytes', got '" + value + "'", e);
        }
    }

    private final YearMonth month;
    private final long messages;
    private final long bytes;

    public UncountedUsage(YearMonth month, long messages, long bytes) {
        this.month = Objects.requireNonNull(month, "month");
        this.messages = messages;
        this.bytes = bytes;
    }

    public YearMonth month() {
        return month;
    }

    public long messages() {
        return messages;
    }

    public long bytes() {
        return bytes;
    }

    public String asString() {
        return month + " " + messages + " " + bytes;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof UncountedUsage) {
            UncountedUsage that = (UncountedUsage) o;
            return month.equals(that.month) && messages == that.messages && bytes == that.bytes;
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(month, messages, bytes);
    }

    @Override
    public String toString() {
        return "UncountedUsage{" + asString() + "}";
    }
}
