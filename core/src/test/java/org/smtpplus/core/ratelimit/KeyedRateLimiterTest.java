package org.smtpplus.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class KeyedRateLimiterTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final FakeTicker ticker = new FakeTicker();

    @Test
    void aNewKeyHasItsWholeBurstThenWaitsForTheNextPermit() {
        KeyedRateLimiter<String> limiter = KeyedRateLimiter.of(3, MINUTE, 100, ticker);

        for (int request = 0; request < 3; request++) {
            assertThat(limiter.tryAcquire("203.0.113.5").allowed()).isTrue();
        }
        KeyedRateLimiter.Decision refused = limiter.tryAcquire("203.0.113.5");

        assertThat(refused.allowed()).isFalse();
        // 3 a minute: one permit every 20 seconds.
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aPermitComesBackExactlyWhenTheRefusalSaid() {
        KeyedRateLimiter<String> limiter = KeyedRateLimiter.of(3, MINUTE, 100, ticker);
        drain(limiter, "a", 3);

        ticker.advance(Duration.ofSeconds(20).minusNanos(1));
        KeyedRateLimiter.Decision early = limiter.tryAcquire("a");
        assertThat(early.allowed()).isFalse();
        assertThat(early.retryAfter()).isEqualTo(Duration.ofNanos(1));

        ticker.advance(Duration.ofNanos(1));
        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        assertThat(limiter.tryAcquire("a").retryAfter()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aRateThatDoesNotDivideThePeriodIsRoundedUpToTheNanosecondAndNeverDrifts() {
        // 7 a minute: a permit every 8,571,428,571.43 nanoseconds.
        KeyedRateLimiter<String> limiter = KeyedRateLimiter.of(7, MINUTE, 100, ticker);
        drain(limiter, "a", 7);

        assertThat(limiter.tryAcquire("a").retryAfter()).isEqualTo(Duration.ofNanos(8_571_428_572L));
        ticker.advance(Duration.ofNanos(8_571_428_571L));
        assertThat(limiter.tryAcquire("a").allowed()).isFalse();
        ticker.advance(Duration.ofNanos(1));
        assertThat(limiter.tryAcquire("a").allowed()).isTrue();

        // The fractions are kept: after the rest of the minute (7 permits in all since the bucket was empty), exactly
        // 6 more requests pass, not 5 or 7.
        ticker.advance(MINUTE.minusNanos(8_571_428_572L));
        assertThat(drain(limiter, "a", 10)).isEqualTo(6);
    }

    @Test
    void aRefusedRequestTakesNothing() {
        KeyedRateLimiter<String> limiter = KeyedRateLimiter.of(2, MINUTE, 100, ticker);
        drain(limiter, "a", 2);

        for (int refused = 0; refused < 50; refused++) {
            assertThat(limiter.tryAcquire("a").allowed()).isFalse();
        }
        ticker.advance(Duration.ofSeconds(30));

        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
    }

    @Test
    void aQuietKeyRefillsToItsBurstAndNoFurther() {
        KeyedRateLimiter<String> limiter = KeyedRateLimiter.of(5, MINUTE, 100, ticker);
        drain(limiter, "a", 5);

        ticker.advance(Duration.ofSeconds(36));
        assertThat(drain(limiter, "a", 10)).isEqualTo(3);
        ticker.advance(Duration.ofDays(400));
        assertThat(drain(limiter, "a", 10)).isEqualTo(5);
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        KeyedRateLimiter<String> limiter = KeyedRateLimiter.of(1, MINUTE, 100, ticker);

        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        assertThat(limiter.tryAcquire("a").allowed()).isFalse();
        assertThat(limiter.tryAcquire("b").allowed()).isTrue();
    }

    @Test
    void manyKeysNeverHoldMoreThanTheCapAndTheLeastRecentlySeenAreForgotten() {
        KeyedRateLimiter<String> limiter = KeyedRateLimiter.of(1, MINUTE, 100, ticker);
        drain(limiter, "busy", 1);

        for (int key = 0; key < 100_000; key++) {
            limiter.tryAcquire("10.0." + (key >> 8) + "." + (key & 0xff));
            assertThat(limiter.tryAcquire("busy").allowed()).as("a key seen all along keeps its state").isFalse();
        }
        assertThat(limiter.heldKeys()).isEqualTo(100);

        // The first of the stranger's keys was forgotten: it starts again with a full bucket.
        assertThat(limiter.tryAcquire("10.0.0.0").allowed()).isTrue();
    }

    @Test
    void aKeyQuietForAWholePeriodIsForgottenWithoutChangingItsAnswers() {
        KeyedRateLimiter<String> limiter = KeyedRateLimiter.of(2, MINUTE, 100, ticker);
        for (int key = 0; key < 50; key++) {
            drain(limiter, "k" + key, 2);
        }
        ticker.advance(MINUTE.minusNanos(1));
        assertThat(limiter.heldKeys()).isEqualTo(50);

        ticker.advance(Duration.ofNanos(1));
        assertThat(limiter.heldKeys()).isZero();
        assertThat(drain(limiter, "k0", 5)).isEqualTo(2);
    }

    @Test
    void concurrentRequestsOfOneKeyGetExactlyItsPermits() throws Exception {
        KeyedRateLimiter<String> limiter = KeyedRateLimiter.of(1000, MINUTE, 100, ticker);
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                tasks.add(() -> {
                    for (int request = 0; request < 500; request++) {
                        if (limiter.tryAcquire("a").allowed()) {
                            allowed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> done : threads.invokeAll(tasks)) {
                done.get();
            }
        } finally {
            threads.shutdown();
        }

        assertThat(allowed.get()).isEqualTo(1000);
    }

    @Test
    void refusesSettingsItCannotHonour() {
        assertThatThrownBy(() -> KeyedRateLimiter.of(0, MINUTE, 100, ticker)).hasMessageContaining("permits=0");
        assertThatThrownBy(() -> KeyedRateLimiter.of(1_000_001, MINUTE, 100, ticker)).hasMessageContaining("permits=1000001");
        assertThatThrownBy(() -> KeyedRateLimiter.of(1, Duration.ZERO, 100, ticker)).hasMessageContaining("period=PT0S");
        assertThatThrownBy(() -> KeyedRateLimiter.of(1, Duration.ofHours(2), 100, ticker)).hasMessageContaining("period=PT2H");
        assertThatThrownBy(() -> KeyedRateLimiter.of(1, MINUTE, 0, ticker)).hasMessageContaining("maxKeys=0");
    }

    @Test
    void theLargestBucketsDoNotOverflow() {
        KeyedRateLimiter<String> limiter = KeyedRateLimiter.of(1_000_000, Duration.ofHours(1), 1, ticker);

        assertThat(drain(limiter, "a", 1_000_001)).isEqualTo(1_000_000);
        ticker.advance(Duration.ofHours(1).minusNanos(1));
        assertThat(drain(limiter, "a", 1_000_001)).isEqualTo(999_999);
    }

    /** Sends up to {@code requests} requests of {@code key}; returns how many were allowed. */
    private static int drain(KeyedRateLimiter<String> limiter, String key, int requests) {
        int allowed = 0;
        for (int request = 0; request < requests; request++) {
            if (limiter.tryAcquire(key).allowed()) {
                allowed++;
            }
        }
        return allowed;
    }
}
