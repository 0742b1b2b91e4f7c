package org.smtpplus.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtpplus.core.feedback.FeedbackFixtures.NOW;
import static org.smtpplus.core.feedback.FeedbackFixtures.RECIPIENT;
import static org.smtpplus.core.feedback.FeedbackFixtures.context;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.bounce.BounceRepository;
import org.smtpplus.core.bounce.BounceQuery;
import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.bounce.MemoryBounceRepository;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.event.MemoryEventStore;
import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.subscriber.MemorySubscriberRepository;
import org.smtpplus.core.subscriber.Subscriber;
import org.smtpplus.core.subscriber.SubscriberStatus;
import org.smtpplus.core.suppression.MemorySuppressionRepository;
import org.smtpplus.core.suppression.Suppression;
import org.smtpplus.core.suppression.SuppressionReason;
import org.smtpplus.core.suppression.SuppressionRepository;

class BounceRecorderTest {
    private final MemoryBounceRepository bounces = new MemoryBounceRepository();
    private final MemorySuppressionRepository suppressions = new MemorySuppressionRepository();
    private final MemorySubscriberRepository subscribers = new MemorySubscriberRepository();
    private final MemoryEventStore events = new MemoryEventStore();
    private final BounceRecorder recorder = new BounceRecorder(bounces, suppressions, subscribers, events);

    private Optional<Suppression> globalSuppression() {
        return suppressions.get(RECIPIENT, Optional.empty());
    }

    @Test
    void aHardBounceSuppressesGloballyMarksTheSubscriberAndIsRecorded() {
        subscribers.save(Subscriber.builder("customers", RECIPIENT).fields(Map.of("name", "Jane")).firstSeen(NOW).build());

        assertThat(recorder.record(context("m1"), RECIPIENT, BounceReason.USER_UNKNOWN, Optional.of("5.1.1"), "550 5.1.1 user unknown", NOW))
            .isPresent();

        assertThat(globalSuppression()).hasValueSatisfying(entry -> assertThat(entry.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE));
        assertThat(subscribers.get("customers", RECIPIENT)).hasValueSatisfying(subscriber -> {
            assertThat(subscriber.status()).isEqualTo(SubscriberStatus.BOUNCED);
            assertThat(subscriber.fields()).containsEntry("name", "Jane");
        });
        DeliveryEvent event = events.find(Optional.of(RECIPIENT), Optional.empty(), Optional.empty(), 10).get(0);
        assertThat(event.type()).isEqualTo(EventType.BOUNCED);
        assertThat(event.status()).contains("5.1.1");
        assertThat(event.diagnostic()).contains("550 5.1.1 user unknown");
        assertThat(event.customId()).contains("cust-7");
    }

    @Test
    void aBlockNeverSuppresses() {
        for (int i = 0; i < 5; i++) {
            recorder.record(context("m" + i), RECIPIENT, BounceReason.SPAM_DETECTED, Optional.of("5.7.1"), "spam", NOW);
        }

        assertThat(globalSuppression()).isEmpty();
        assertThat(subscribers.get("customers", RECIPIENT)).isEmpty();
    }

    @Test
    void theThirdSoftBouncedMessageWithinThirtyDaysSuppresses() {
        recorder.record(context("m1"), RECIPIENT, BounceReason.MAILBOX_FULL, Optional.of("4.2.2"), "full", NOW.minus(Duration.ofDays(29)));
        recorder.record(context("m2"), RECIPIENT, BounceReason.MAILBOX_FULL, Optional.of("4.2.2"), "full", NOW.minus(Duration.ofDays(1)));
        assertThat(globalSuppression()).isEmpty();

        recorder.record(context("m3"), RECIPIENT, BounceReason.MAILBOX_FULL, Optional.of("4.2.2"), "full", NOW);

        assertThat(globalSuppression()).hasValueSatisfying(entry -> assertThat(entry.reason()).isEqualTo(SuppressionReason.SOFT_BOUNCE));
    }

    @Test
    void softBouncesOlderThanThirtyDaysDoNotCount() {
        recorder.record(context("m1"), RECIPIENT, BounceReason.MAILBOX_FULL, Optional.of("4.2.2"), "full", NOW.minus(Duration.ofDays(31)));
        recorder.record(context("m2"), RECIPIENT, BounceReason.MAILBOX_FULL, Optional.of("4.2.2"), "full", NOW.minus(Duration.ofDays(1)));
        recorder.record(context("m3"), RECIPIENT, BounceReason.MAILBOX_FULL, Optional.of("4.2.2"), "full", NOW);

        assertThat(globalSuppression()).isEmpty();
    }

    @Test
    void aRepeatedReportOfOneMessageCountsOnceAndRecordsNothingNew() {
        for (int i = 0; i < 3; i++) {
            Optional<?> recorded = recorder.record(context("m1"), RECIPIENT, BounceReason.MAILBOX_FULL, Optional.of("4.2.2"), "full", NOW.plusSeconds(i));
            assertThat(recorded.isPresent()).isEqualTo(i == 0);
        }

        assertThat(globalSuppression()).isEmpty();
        assertThat(events.find(Optional.of(RECIPIENT), Optional.empty(), Optional.empty(), 10)).hasSize(1);
    }

    @Test
    void aReportCutShortByAnOutageIsCompletedWhenHandledAgainWithOneEvent() {
        BounceRepository failingOnce = StoreOutage.of(BounceRepository.class, bounces).failNext("record", 1).port();
        BounceRecorder recorder = new BounceRecorder(failingOnce, suppressions, subscribers, events);

        assertThatThrownBy(() -> recorder.record(context("m1"), RECIPIENT, BounceReason.USER_UNKNOWN, Optional.of("5.1.1"), "unknown", NOW))
            .isInstanceOf(StoreUnavailableException.class);
        assertThat(recorder.record(context("m1"), RECIPIENT, BounceReason.USER_UNKNOWN, Optional.of("5.1.1"), "unknown", NOW)).isPresent();

        assertThat(globalSuppression()).isPresent();
        assertThat(bounces.get(RECIPIENT, "m1")).isPresent();
        assertThat(events.find(Optional.of(RECIPIENT), Optional.empty(), Optional.empty(), 10)).hasSize(1);
    }

    @Test
    void aReportCutShortAfterTheBounceListTookItIsStillTheCopysBounceWhenRetried() {
        SuppressionRepository failingOnce = StoreOutage.of(SuppressionRepository.class, suppressions).failNext("add", 1).port();
        BounceRecorder recorder = new BounceRecorder(bounces, failingOnce, subscribers, events);

        assertThatThrownBy(() -> recorder.record(context("m1"), RECIPIENT, BounceReason.USER_UNKNOWN, Optional.of("5.1.1"), "unknown", NOW))
            .isInstanceOf(StoreUnavailableException.class);
        assertThat(recorder.record(context("m1"), RECIPIENT, BounceReason.USER_UNKNOWN, Optional.of("5.1.1"), "unknown", NOW))
            .as("still to be notified").isPresent();

        assertThat(failingOnce.get(RECIPIENT, Optional.empty())).isPresent();
        assertThat(events.find(Optional.of(RECIPIENT), Optional.empty(), Optional.empty(), 10)).hasSize(1);
    }

    @Test
    void aRepeatedReportIsTakenAsTheFirstOneSaidIt() {
        recorder.record(context("m1"), RECIPIENT, BounceReason.SPAM_DETECTED, Optional.of("5.7.1"), "spam", NOW);

        assertThat(recorder.record(context("m1"), RECIPIENT, BounceReason.USER_UNKNOWN, Optional.of("5.1.1"), "unknown", NOW.plusSeconds(5)))
            .isEmpty();

        assertThat(globalSuppression()).isEmpty();
    }

    @Test
    void anEarlierGlobalReasonIsKept() {
        suppressions.add(new Suppression(RECIPIENT, Optional.empty(), SuppressionReason.COMPLAINT, NOW.minusSeconds(60)));

        recorder.record(context("m1"), RECIPIENT, BounceReason.USER_UNKNOWN, Optional.of("5.1.1"), "unknown", NOW);

        assertThat(globalSuppression()).hasValueSatisfying(entry -> assertThat(entry.reason()).isEqualTo(SuppressionReason.COMPLAINT));
    }
}
