package org.smtpplus.core.usage;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Plans are counted per calendar month in UTC: the month an instant falls in, and the instant its plan starts again.
 */
public final class UsageMonths {
    private UsageMonths() {
    }

    public static YearMonth monthOf(Instant instant) {
        return YearMonth.from(instant.atZone(ZoneOffset.UTC));
    }

    /** The first instant of the month. */
    public static Instant startOf(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant of the next month: from then on the month's usage no longer counts. */
    public static Instant resetsAt(YearMonth month) {
        return startOf(month.plusMonths(1));
    }
}
