package org.smtpplus.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class LogThrottleTest {
    private final FakeTicker ticker = new FakeTicker();
    private final LogThrottle throttle = new LogThrottle(Duration.ofMinutes(1), ticker);

    @Test
    void theFirstLineIsWrittenWithNothingLeftOut() {
        assertThat(throttle.admit()).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void aFloodWritesOneLineAnIntervalWithTheNumberLeftOut() {
        int written = 0;
        for (int line = 0; line < 100_000; line++) {
            if (throttle.admit().isPresent()) {
                written++;
            }
        }
        assertThat(written).isEqualTo(1);

        ticker.advance(Duration.ofMinutes(1).minusNanos(1));
        assertThat(throttle.admit()).isEmpty();
        ticker.advance(Duration.ofNanos(1));
        assertThat(throttle.admit()).isEqualTo(OptionalLong.of(100_000));

        ticker.advance(Duration.ofSeconds(30));
        throttle.admit();
        throttle.admit();
        ticker.advance(Duration.ofSeconds(30));
        assertThat(throttle.admit()).as("counted from the last line written").isEqualTo(OptionalLong.of(2));
    }

    @Test
    void aQuietKindWritesItsNextLineAtOnce() {
        throttle.admit();
        ticker.advance(Duration.ofHours(5));

        assertThat(throttle.admit()).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> new LogThrottle(Duration.ZERO, ticker)).hasMessageContaining("interval=PT0S");
    }
}
