package org.smtpplus.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueStatusTest {
    @Test
    void theRecentRateEstimatesTheDrain() {
        QueueStatus status = QueueStatus.of(600, 0, true, 1200, 100);

        assertThat(status.ratePerMinute()).isEqualTo(20.0);
        assertThat(status.estimatedDrainSeconds()).hasValue(1800);
        assertThat(status.toJson()).isEqualTo(
            "{\"queued\":600,\"waitingForPace\":0,\"scheduled\":0,\"sentLastHour\":1200,\"ratePerMinute\":20.0,\"estimatedDrainSeconds\":1800}");
    }

    @Test
    void withoutRecentDeliveriesTheHourlyRateIsUsed() {
        QueueStatus status = QueueStatus.of(30, 0, true, 120, 0);

        assertThat(status.ratePerMinute()).isEqualTo(2.0);
        assertThat(status.estimatedDrainSeconds()).hasValue(900);
    }

    @Test
    void mailParkedInTheQueuesIsScheduledNotQueued() {
        QueueStatus status = QueueStatus.of(50, 45, true, 0, 0);

        assertThat(status.queued()).isEqualTo(5);
        assertThat(status.scheduled()).isEqualTo(45);
        assertThat(QueueStatus.of(50, 45, false, 0, 0).queued()).isEqualTo(50);
    }

    @Test
    void anEmptyQueueDrainsInNoTimeAndAQueueWithoutAnyDeliveryInAnUnknownTime() {
        assertThat(QueueStatus.of(0, 3, true, 0, 0).estimatedDrainSeconds()).hasValue(0);
        assertThat(QueueStatus.of(10, 0, true, 0, 0).estimatedDrainSeconds()).isEmpty();
        assertThat(QueueStatus.of(10, 0, true, 0, 0).toJson()).endsWith("\"estimatedDrainSeconds\":null}");
    }

    @Test
    void theQueuedCountIsNeverNegative() {
        // a parked message released between the two readings
        assertThat(QueueStatus.of(2, 3, true, 0, 0).queued()).isZero();
    }

    @Test
    void copiesWaitingForTheirPaceAreCountedAmongTheQueued() {
        QueueStatus status = QueueStatus.of(600, 0, true, 1200, 100).withWaitingForPace(58);

        assertThat(status.waitingForPace()).isEqualTo(58);
        assertThat(status.queued()).isEqualTo(600);
        assertThat(status.toJson()).startsWith("{\"queued\":600,\"waitingForPace\":58,");
    }
}
