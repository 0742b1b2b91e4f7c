package org.smtpplus.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpplus.core.feedback.FeedbackFixtures.NOW;
import static org.smtpplus.core.feedback.FeedbackFixtures.RECIPIENT;
import static org.smtpplus.core.feedback.FeedbackFixtures.context;
import static org.smtpplus.core.feedback.FeedbackFixtures.token;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.event.MemoryEventStore;
import org.smtpplus.core.subscriber.MemorySubscriberRepository;
import org.smtpplus.core.subscriber.Subscriber;
import org.smtpplus.core.subscriber.SubscriberStatus;
import org.smtpplus.core.suppression.MemorySuppressionRepository;
import org.smtpplus.core.suppression.SuppressionReason;

class UnsubscriberTest {
    private final MemorySuppressionRepository suppressions = new MemorySuppressionRepository();
    private final MemorySubscriberRepository subscribers = new MemorySubscriberRepository();
    private final MemoryEventStore events = new MemoryEventStore();
    private final TokenEventContexts contexts = new TokenEventContexts(events);
    private final Unsubscriber unsubscriber = new Unsubscriber(subscribers, suppressions, events, contexts,
        Clock.fixed(NOW, ZoneOffset.UTC));
    private final ComplaintRecorder complaints = new ComplaintRecorder(subscribers, suppressions, events, contexts);

    @Test
    void unsubscribingSuppressesForTheListKeepsTheFieldsAndReportsUnderTheCopysKeys() {
        subscribers.save(Subscriber.builder("customers", RECIPIENT).fields(Map.of("name", "Jane")).firstSeen(NOW).build());
        events.record(context("m1").event(EventType.SENT, NOW.minusSeconds(60), RECIPIENT).build());

        assertThat(unsubscriber.unsubscribe(token("m1"))).isEqualTo(Unsubscriber.Outcome.UNSUBSCRIBED);

        assertThat(suppressions.get(RECIPIENT, Optional.of("customers")))
            .hasValueSatisfying(entry -> assertThat(entry.reason()).isEqualTo(SuppressionReason.UNSUBSCRIBE));
        assertThat(suppressions.get(RECIPIENT, Optional.empty())).isEmpty();
        assertThat(subscribers.get("customers", RECIPIENT)).hasValueSatisfying(subscriber -> {
            assertThat(subscriber.status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
            assertThat(subscriber.fields()).containsEntry("name", "Jane");
        });
        DeliveryEvent event = events.find(Optional.of(RECIPIENT), Optional.empty(), Optional.empty(), 1).get(0);
        assertThat(event.type()).isEqualTo(EventType.UNSUBSCRIBED);
        assertThat(event.customId()).contains("cust-7");
        assertThat(event.tags()).containsExactly("welcome");
        assertThat(event.uniqueArgs()).isEqualTo(Map.of("order", "42"));
        assertThat(event.list()).isEqualTo("customers");
    }

    @Test
    void unsubscribingTwiceRecordsOneEvent() {
        unsubscriber.unsubscribe(token("m1"));

        assertThat(unsubscriber.unsubscribe(token("m1"))).isEqualTo(Unsubscriber.Outcome.ALREADY_UNSUBSCRIBED);
        assertThat(events.find(Optional.of(RECIPIENT), Optional.empty(), Optional.empty(), 10)).hasSize(1);
    }

    @Test
    void anUnknownRecipientJoinsTheListUnsubscribed() {
        unsubscriber.unsubscribe(token("m1"));

        assertThat(subscribers.get("customers", RECIPIENT))
            .hasValueSatisfying(subscriber -> assertThat(subscriber.status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED));
    }

    @Test
    void aComplaintSuppressesGloballyOnce() {
        assertThat(complaints.record(token("m1"), "abuse", NOW)).isTrue();
        assertThat(complaints.record(token("m1"), "abuse", NOW.plusSeconds(5))).isFalse();

        assertThat(suppressions.get(RECIPIENT, Optional.empty()))
            .hasValueSatisfying(entry -> assertThat(entry.reason()).isEqualTo(SuppressionReason.COMPLAINT));
        assertThat(subscribers.get("customers", RECIPIENT))
            .hasValueSatisfying(subscriber -> assertThat(subscriber.status()).isEqualTo(SubscriberStatus.COMPLAINED));
        assertThat(events.find(Optional.of(RECIPIENT), Optional.empty(), Optional.empty(), 10))
            .singleElement().satisfies(event -> assertThat(event.type()).isEqualTo(EventType.COMPLAINED));
    }
}
