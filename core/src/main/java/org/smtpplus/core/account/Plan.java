package org.smtpplus.core.account;

import java.util.Objects;
import java.util.Optional;

/**
 * The monthly allowance of an account; an absent limit is no limit.
 */
public final class Plan {
    private final Optional<Long> messagesPerMonth;
    private final Optional<Long> megabytesPerMonth;

    public Plan(Optional<Long> messagesPerMonth, Optional<Long> megabytesPerMonth) {
        this.messagesPerMonth = Objects.requireNonNull(messagesPerMonth, "messagesPerMonth");
        this.megabytesPerMonth = Objects.requireNonNull(megabytesPerMonth, "megabytesPerMonth");
    }

    public Optional<Long> messagesPerMonth() {
        return messagesPerMonth;
    }

    public Optional<Long> megabytesPerMonth() {
        return megabytesPerMonth;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Plan) {
            Plan that = (Plan) o;
            return messagesPerMonth.equals(that.messagesPerMonth) && megabytesPerMonth.equals(that.megabytesPerMonth);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(messagesPerMonth, megabytesPerMonth);
    }

    @Override
    public String toString() {
        return "Plan{messagesPerMonth=" + messagesPerMonth + ", megabytesPerMonth=" + megabytesPerMonth + "}";
    }
}
