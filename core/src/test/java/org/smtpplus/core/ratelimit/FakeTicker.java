package org.smtpplus.core.ratelimit;

import java.time.Duration;

import com.google.common.base.Ticker;

/** A clock that moves only when a test moves it. */
final class FakeTicker extends Ticker {
    private long nanos = 1_000_000_000L;

    @Override
    public synchronized long read() {
        return nanos;
    }

    synchronized void advance(Duration duration) {
        nanos += duration.toNanos();
    }
}
