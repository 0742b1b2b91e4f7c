package org.smtpplus.core.ratelimit;

import java.time.Duration;
import java.util.OptionalLong;

import com.google.common.base.Ticker;

/**
 * At most one log line of a kind per interval, so that a flood of bad requests from the internet cannot flood the
 * log: the first line of an interval is written, with the number left out since the previous one, the others are
 * only counted. One instance per kind of line.
 *
 * <p>Written here: logback's {@code DuplicateMessageFilter} is configuration of the operator's logging, not of a
 * drop-in jar, applies to every logger at once, and drops repeats without saying how many.
 */
public final class LogThrottle {
    private final long intervalNanos;
    private final Ticker ticker;
    private boolean logged;
    private long lastLine;
    private long leftOut;

    public LogThrottle(Duration interval, Ticker ticker) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval=" + interval + ": must be positive");
        }
        this.intervalNanos = interval.toNanos();
        this.ticker = ticker;
    }

    /**
     * Whether a line of this kind may be written now: empty when not (it is counted as left out), otherwise the number
     * of lines left out since the last one written.
     */
    public synchronized OptionalLong admit() {
        long now = ticker.read();
        if (logged && now - lastLine < intervalNanos) {
            leftOut++;
            return OptionalLong.empty();
        }
        long count = leftOut;
        logged = true;
        lastLine = now;
        leftOut = 0;
        return OptionalLong.of(count);
    }

    /** What a written line says of the lines {@link #admit} left out before it: nothing when it left out none. */
    public static String leftOut(long count) {
        return count == 0 ? "" : " (and " + count + " more since the previous such line)";
    }
}
