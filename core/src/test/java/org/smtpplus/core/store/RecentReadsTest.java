package org.smtpplus.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.google.common.base.Ticker;

class RecentReadsTest {
    private static final Duration MAX_AGE = Duration.ofSeconds(10);

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = new Ticker() {
        @Override
        public long read() {
            return nanos.get();
        }
    };
    private final RecentReads<String, String> reads = new RecentReads<>(MAX_AGE, 10, ticker);
    private final AtomicInteger storeReads = new AtomicInteger();
    private volatile String stored = "v1";
    private final Function<String, Optional<String>> store = key -> {
        storeReads.incrementAndGet();
        return Optional.ofNullable(stored);
    };

    @Test
    void aValueIsReadOnceWithinItsMaxAgeAndAgainAfter() {
        for (int copy = 0; copy < 10; copy++) {
            assertThat(reads.get("shop", store)).contains("v1");
        }
        assertThat(storeReads).hasValue(1);

        stored = "v2";
        nanos.addAndGet(MAX_AGE.toNanos() + 1);

        assertThat(reads.get("shop", store)).contains("v2");
        assertThat(storeReads).hasValue(2);
    }

    @Test
    void aForgottenValueIsReadAgainAtOnce() {
        reads.get("shop", store);
        stored = "v2";

        reads.forget("shop");

        assertThat(reads.get("shop", store)).contains("v2");
    }

    @Test
    void anAbsentValueIsRememberedTooAndAFailureIsNot() {
        stored = null;
        assertThat(reads.get("shop", store)).isEmpty();
        assertThat(reads.get("shop", store)).isEmpty();
        assertThat(storeReads).hasValue(1);

        assertThatThrownBy(() -> reads.get("other", key -> {
            throw new StoreUnavailableException("down", null);
        })).isInstanceOf(StoreUnavailableException.class);
        assertThat(reads.get("other", store)).isEmpty();
        assertThat(storeReads).hasValue(2);
    }

    @Test
    void aReadThatRacedAForgetIsNotRemembered() {
        stored = "v2";

        assertThat(reads.get("shop", key -> {
            // the old value, read while this node saves the new one
            reads.forget("shop");
            return Optional.of("v1");
        })).contains("v1");

        assertThat(reads.get("shop", store)).contains("v2");
    }
}
