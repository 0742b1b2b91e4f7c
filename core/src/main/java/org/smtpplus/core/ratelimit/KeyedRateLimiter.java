package org.smtpplus.core.ratelimit;

import java.time.Duration;
import java.util.Objects;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * A token bucket per key (a client address, say): a key may make {@code permits} requests at once, and gets them back
 * at {@code permits} per {@code period}, evenly. A refused request takes nothing from its bucket.
 *
 * <p>The arithmetic is in whole numbers, exact for any rate: a bucket holds {@code permits * period} units (nanoseconds
 * of the period times permits), a request costs {@code period} units and a nanosecond gives back {@code permits}
 * units. A refusal says how long until the next request of its key would pass, rounded up to the nanosecond.
 *
 * <p>The state is capped in memory: at most {@code maxKeys} buckets, in a Guava {@link Cache} (on James's classpath)
 * of that maximum size, which forgets the least recently seen key when a new one would go beyond it. A key that was
 * not seen for a whole period is forgotten too, and loses nothing by it: its bucket was full again, as a new one is.
 * So a stranger with many source addresses costs at most {@code maxKeys} small entries; with more addresses than
 * that, all active within a period, he can make the limiter forget (refill) the quietest keys, never grow it.
 *
 * <p>Written here rather than taken from a library: Guava's {@code RateLimiter} is one limiter, not one per key, its
 * {@code acquire} makes the caller wait instead of refusing, and its clock cannot be replaced, so its arithmetic cannot
 * be tested exactly; James's own rate limiter is not part of the 3.8.1 memory server. The clock is a Guava
 * {@link Ticker} (nanoseconds, monotonic), which the cache's expiry shares.
 */
public final class KeyedRateLimiter<K> {
    private static final Decision ALLOWED = new Decision(true, Duration.ZERO);
    // The largest bucket, permits times the period in nanoseconds, and twice it (a level plus a refill) fit a long.
    private static final long MAX_PERMITS = 1_000_000;
    private static final Duration MAX_PERIOD = Duration.ofHours(1);

    private final long permits;
    private final long cost;
    private final long capacity;
    private final Ticker ticker;
    private final Cache<K, Bucket> buckets;

    private KeyedRateLimiter(long permits, long periodNanos, long maxKeys, Ticker ticker) {
        this.permits = permits;
        this.cost = periodNanos;
        this.capacity = permits * periodNanos;
        this.ticker = ticker;
        this.buckets = CacheBuilder.newBuilder()
            // One segment: eviction is then exactly least-recently-seen over all keys; the few request threads of a
            // listener hold its lock for a few arithmetic operations.
            .concurrencyLevel(1)
            .maximumSize(maxKeys)
            .expireAfterAccess(Duration.ofNanos(periodNanos))
            .ticker(ticker)
            .build();
    }

    /**
     * @param permits the requests a key may make at once, and per period (1 to 1,000,000)
     * @param period how long a key takes to get all its permits back (at most an hour)
     * @param maxKeys how many keys the limiter keeps at most
     */
    public static <K> KeyedRateLimiter<K> of(int permits, Duration period, int maxKeys, Ticker ticker) {
        if (permits < 1 || permits > MAX_PERMITS) {
            throw new IllegalArgumentException("permits=" + permits + ": must be from 1 to " + MAX_PERMITS);
        }
        if (period.isNegative() || period.isZero() || period.compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException("period=" + period + ": must be positive and at most an hour");
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys=" + maxKeys + ": must be positive");
        }
        return new KeyedRateLimiter<>(permits, period.toNanos(), maxKeys, Objects.requireNonNull(ticker, "ticker"));
    }

    /** Takes one request from {@code key}'s bucket, if it has one to give. */
    public Decision tryAcquire(K key) {
        Decision[] decision = new Decision[1];
        buckets.asMap().compute(key, (ignored, bucket) -> {
            // Read under the entry's lock: the times one key sees never go backwards.
            long now = ticker.read();
            long level = bucket == null ? capacity : bucket.levelAt(now, permits, capacity, cost);
            if (level >= cost) {
                decision[0] = ALLOWED;
                return new Bucket(level - cost, now);
            }
            decision[0] = new Decision(false, Duration.ofNanos(ceilDiv(cost - level, permits)));
            return new Bucket(level, now);
        });
        return decision[0];
    }

    /** The number of keys held now. */
    long heldKeys() {
        buckets.cleanUp();
        return buckets.size();
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    /** What became of one request. */
    public static final class Decision {
        private final boolean allowed;
        private final Duration retryAfter;

        private Decision(boolean allowed, Duration retryAfter) {
            this.allowed = allowed;
            this.retryAfter = retryAfter;
        }

        public boolean allowed() {
            return allowed;
        }

        /** For a refused request, how long until the next one of its key would be allowed; zero when allowed. */
        public Duration retryAfter() {
            return retryAfter;
        }

        @Override
        public String toString() {
            return allowed ? "allowed" : "refused, retry after " + retryAfter;
        }
    }

    private static final class Bucket {
        private final long level;
        private final long at;

        private Bucket(long level, long at) {
            this.level = level;
            this.at = at;
        }

        long levelAt(long now, long permits, long capacity, long fullRefillNanos) {
            // Past a whole period the bucket is full whatever it held: capping the time first keeps the product
            // within the capacity.
            long elapsed = Math.min(Math.max(0, now - at), fullRefillNanos);
            return Math.min(capacity, level + elapsed * permits);
        }
    }
}
