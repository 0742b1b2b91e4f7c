package org.smtpplus.core.usage;

import java.util.Map;
import java.util.Optional;

import org.smtpplus.core.bounce.BounceCounts;
import org.smtpplus.core.bounce.BounceType;

/**
 * The merge values the usage reports and the monthly reports share (docs/configuration.md#the-usage-report-template):
 * a message's average size, and the month's bounces by type.
 */
final class ReportValues {
    static final String UNAVAILABLE = "unavailable";
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB"};
    private static final long UNIT = 1024;

    private ReportValues() {
    }

    /** {@code {{averageSize}}}: such as {@code 12.3 kB}, or {@code none} without messages. */
    static String averageSize(MonthlyUsage usage) {
        return usage.averageBytes().isPresent() ? readableSize(usage.averageBytes().getAsLong()) : "none";
    }

    /**
     * Such as {@code 850 B}, {@code 12.3 kB} or {@code 4.5 MB}, rounded to a tenth: binary units, as the plan's megabyte
     * (docs/operator-guide.md#plans-usage-and-quotas), so that 1 kB is 1024 bytes.
     */
    static String readableSize(long bytes) {
        long whole = Math.max(0, bytes);
        if (whole < UNIT) {
            return whole + " " + UNITS[0];
        }
        int unit = 1;
        long divisor = UNIT;
        // the next unit once this one would read 1024.0 after rounding
        while (unit < UNITS.length - 1 && tenths(whole, divisor) >= UNIT * 10) {
            unit++;
            divisor *= UNIT;
        }
        long tenths = tenths(whole, divisor);
        return (tenths / 10) + "." + (tenths % 10) + " " + UNITS[unit];
    }

    // rounded half up, without overflow: whole / divisor is at most Long.MAX_VALUE / 1024
    private static long tenths(long whole, long divisor) {
        return (whole / divisor) * 10 + ((whole % divisor) * 10 + divisor / 2) / divisor;
    }

    /**
     * {@code {{bounces}}} (such as {@code hard 1, soft 2, block 0 (3 in all)}) and {@code {{hardBounces}}},
     * {@code {{softBounces}}}, {@code {{blockBounces}}}; without counts (the store did not answer), each says they are
     * unavailable.
     */
    static void putBounces(Map<String, String> values, Optional<BounceCounts> counts) {
        values.put("bounces", counts.map(BounceCounts::describe)
            .orElse(UNAVAILABLE + " now (the relay's store did not answer): GET /smtpplus/bounces lists them"));
        for (BounceType type : BounceType.values()) {
            values.put(type.asJson() + "bounces", counts.map(known -> String.valueOf(known.of(type))).orElse(UNAVAILABLE));
        }
    }
}
