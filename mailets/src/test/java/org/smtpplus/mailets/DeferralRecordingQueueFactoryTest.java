package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.event.MemoryEventStore;
import org.smtpplus.core.schedule.MemoryParkedMailRepository;
import org.smtpplus.core.schedule.MemoryScheduledMessageRepository;
import org.smtpplus.core.settings.SmtpPlusSettings;

class DeferralRecordingQueueFactoryTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final MailQueueName OUTGOING = MailQueueName.of("outgoing");
    private static final EventContext COPY = new EventContext("shop", Optional.of("cust-7"), List.of("welcome"), "customers",
        "<m1@shop.example>", 1234);

    private final MemoryMailQueueFactory queues = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory(), CLOCK);
    private final MemoryEventStore events = new MemoryEventStore();
    private final DeferralRecordingQueueFactory factory = new DeferralRecordingQueueFactory(queues, events, CLOCK,
        new RetryWaits(SmtpPlusSettings.DEFAULT, new MemoryScheduledMessageRepository(), new MemoryParkedMailRepository(), CLOCK));

    // RemoteDelivery enqueues a mail again, with a delay, when its delivery failed temporarily and will be retried.
    @Test
    void aCopyEnqueuedWithADelayIsDeferredForEachRecipientAndQueued() throws Exception {
        MailQueue queue = factory.createQueue(OUTGOING);

        queue.enQueue(copy("451 4.7.1 Greylisted, try again later", "ann@example.com", "bob@example.com"), Duration.ofMinutes(2));

        assertThat(events.recorded()).hasSize(2).allSatisfy(event -> {
            assertThat(event.type()).isEqualTo(EventType.DEFERRED);
            assertThat(event.at()).isEqualTo(NOW);
            assertThat(event.account()).isEqualTo("shop");
            assertThat(event.status()).contains("4.7.1");
            assertThat(event.diagnostic()).contains("451 4.7.1 Greylisted, try again later");
        });
        assertThat(queues.getQueue(OUTGOING).orElseThrow().getSize()).isEqualTo(1);
    }

    @Test
    void aMailEnqueuedWithoutADelayIsNewMailAndRecordsNothing() throws Exception {
        factory.createQueue(OUTGOING).enQueue(copy("451 4.7.1 Greylisted", "ann@example.com"));

        assertThat(events.recorded()).isEmpty();
        assertThat(queues.getQueue(OUTGOING).orElseThrow().getSize()).isEqualTo(1);
    }

    // PacingQueueFactory delays a copy to its destination's next slot: a wait, not a failure.
    @Test
    void aCopyDelayedForItsPaceRecordsNothing() throws Exception {
        Mail copy = copy("451 4.7.1 Greylisted", "ann@example.com");
        MailAttributes.setPacingWait(copy, NOW.plusSeconds(2));

        factory.createQueue(OUTGOING).enQueue(copy, Duration.ofSeconds(2));

        assertThat(events.recorded()).isEmpty();
        assertThat(queues.getQueue(OUTGOING).orElseThrow().getSize()).isEqualTo(1);
    }

    @Test
    void aDelayedMailThatIsNoSmtpPlusCopyRecordsNothing() throws Exception {
        Mail mail = FakeMail.builder().name("dsn-1").recipient(new MailAddress("ann@example.com")).build();

        factory.createQueue(OUTGOING).enQueue(mail, Duration.ofMinutes(2));

        assertThat(events.recorded()).isEmpty();
        assertThat(queues.getQueue(OUTGOING).orElseThrow().getSize()).isEqualTo(1);
    }

    @Test
    void aQueueLookedUpRecordsAsACreatedOneDoes() throws Exception {
        factory.createQueue(OUTGOING);

        factory.getQueue(OUTGOING).orElseThrow().enQueue(copy("421 4.4.2 timeout", "ann@example.com"), Duration.ofMinutes(2));

        assertThat(events.recorded()).singleElement().satisfies(event -> assertThat(event.type()).isEqualTo(EventType.DEFERRED));
        assertThat(factory.listCreatedMailQueues()).containsExactly(OUTGOING);
    }

    private static Mail copy(String deliveryError, String... recipients) throws Exception {
        FakeMail.Builder mail = FakeMail.builder().name("m1-0")
            .attribute(new Attribute(Bouncer.DELIVERY_ERROR, AttributeValue.of(deliveryError)));
        for (String recipient : recipients) {
            mail.recipient(new MailAddress(recipient));
        }
        Mail copy = mail.build();
        MailAttributes.setEventContext(copy, COPY);
        return copy;
    }
}
