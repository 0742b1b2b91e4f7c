package org.smtpplus.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class WebhookRetriesTest {
    @Test
    void delaysGrowFromFiveSecondsToAnHour() {
        assertThat(WebhookRetries.delayAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(WebhookRetries.delayAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(WebhookRetries.delayAfter(8)).isEqualTo(Duration.ofMinutes(30));
        assertThat(WebhookRetries.delayAfter(9)).isEqualTo(Duration.ofHours(1));
        assertThat(WebhookRetries.delayAfter(1000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aReceiverBackAfterAMinuteWaitsAtMostAMinuteMore() {
        Duration waited = Duration.ZERO;
        int failures = 0;
        while (waited.compareTo(Duration.ofSeconds(60)) < 0) {
            waited = waited.plus(WebhookRetries.delayAfter(++failures));
        }

        assertThat(waited).isLessThanOrEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void noFailureHasNoDelay() {
        assertThatThrownBy(() -> WebhookRetries.delayAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
