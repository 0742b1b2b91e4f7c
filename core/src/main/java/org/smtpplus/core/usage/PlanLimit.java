package org.smtpplus.core.usage;

/**
 * One limit of a plan, in the unit usage counts it in: recipient copies, or bytes.
 */
public final class PlanLimit {
    public static final long BYTES_PER_MEGABYTE = 1024L * 1024L;
    /** Far beyond any plan, and low enough that percent arithmetic never overflows. */
    public static final long MAX_LIMIT = Long.MAX_VALUE / 100;

    public enum Dimension {
        MESSAGES, BYTES
    }

    public static PlanLimit messages(long messagesPerMonth) {
        return new PlanLimit(Dimension.MESSAGES, messagesPerMonth, messagesPerMonth + " messages");
    }

    public static PlanLimit megabytes(long megabytesPerMonth) {
        if (megabytesPerMonth < 1 || megabytesPerMonth > MAX_LIMIT / BYTES_PER_MEGABYTE) {
            throw new IllegalArgumentException("A plan limit is from 1 to " + MAX_LIMIT / BYTES_PER_MEGABYTE + " MB, got "
                + megabytesPerMonth);
        }
        return new PlanLimit(Dimension.BYTES, megabytesPerMonth * BYTES_PER_MEGABYTE, megabytesPerMonth + " MB");
    }

    private final Dimension dimension;
    private final long limit;
    private final String description;

    private PlanLimit(Dimension dimension, long limit, String description) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("A plan limit is from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        this.dimension = dimension;
        this.limit = limit;
        this.description = description;
    }

    public Dimension dimension() {
        return dimension;
    }

    /** In recipient copies or bytes. */
    public long limit() {
        return limit;
    }

    long used(MonthlyUsage usage) {
        return dimension == Dimension.MESSAGES ? usage.messages() : usage.bytes();
    }

    /** Such as {@code 20 messages} or {@code 500 MB}, for replies and reports. */
    public String describe() {
        return description;
    }

    /**
     * The whole percent used, rounded down; above 100 in overage. Exact without overflow for every usage (the limit is
     * at most {@link #MAX_LIMIT}), except that it stops at {@code Long.MAX_VALUE}.
     */
    long percent(long used) {
        if (used <= 0) {
            return 0;
        }
        long whole = used / limit;
        if (whole >= Long.MAX_VALUE / 100) {
            return Long.MAX_VALUE;
        }
        return whole * 100 + (used % limit) * 100 / limit;
    }

    /** Whether {@code used} reaches {@code percent} of the limit, in exact integer arithmetic. */
    boolean reaches(long used, int percent) {
        return percent(used) >= percent;
    }

    @Override
    public String toString() {
        return description;
    }
}
