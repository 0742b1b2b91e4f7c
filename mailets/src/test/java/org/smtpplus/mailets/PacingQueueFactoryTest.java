package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.james.core.MailAddress;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
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
import org.smtpplus.core.pacing.MemoryPaceCounters;
import org.smtpplus.core.pacing.MemoryPacingRuleRepository;
import org.smtpplus.core.pacing.Pacing;
import org.smtpplus.core.pacing.PacingRule;
import org.smtpplus.core.schedule.MemoryParkedMailRepository;
import org.smtpplus.core.schedule.MemoryScheduledMessageRepository;
import org.smtpplus.core.settings.SmtpPlusSettings;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;

class PacingQueueFactoryTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final MailQueueName OUTGOING = MailQueueName.of("outgoing");
    private static final EventContext COPY = new EventContext("shop", Optional.of("cust-7"), List.of("welcome"), "customers",
        "<m1@shop.example>", 1234);

    private final MemoryEventStore events = new MemoryEventStore();

    @Test
    void copiesBeyondThePaceAreQueuedWithTheDelayToTheirSlotAndRecordNoDeferral() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        MemoryMailQueueFactory queues = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory(), clock);
        Pacing pacing = pacing(clock, "example.com", 30, 4);
        MailQueue outgoing = new PacingQueueFactory(new DeferralRecordingQueueFactory(queues, events, clock, queueWaits(clock)), pacing, clock)
            .createQueue(OUTGOING);

        for (int i = 0; i < 3; i++) {
            outgoing.enQueue(copy("r" + i + "@example.com"));
        }
        outgoing.enQueue(copy("other@elsewhere.example"));

        // the memory queue gives a mail queued without a delay its time of queueing
        assertThat(nextDeliveries(queues.getQueue(OUTGOING).orElseThrow())).containsExactlyInAnyOrder(
            Optional.of(NOW), Optional.of(NOW.plusSeconds(2)), Optional.of(NOW.plusSeconds(4)), Optional.of(NOW));
        assertThat(events.recorded()).isEmpty();
        assertThat(pacing.waiting()).containsExactly(Map.entry("example.com", 2L));
    }

    @Test
    void aRetryOfACopyThatWaitedForThePaceIsADeferral() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        MemoryMailQueueFactory queues = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory(), clock);
        MailQueue outgoing = new PacingQueueFactory(new DeferralRecordingQueueFactory(queues, events, clock, queueWaits(clock)),
            pacing(clock, "example.com", 30, 4), clock).createQueue(OUTGOING);
        Mail copy = copy("ann@example.com");
        MailAttributes.setPacingWait(copy, NOW);

        outgoing.enQueue(copy, Duration.ofMinutes(2));

        assertThat(events.recorded()).singleElement().satisfies(event -> assertThat(event.type()).isEqualTo(EventType.DEFERRED));
        assertThat(MailAttributes.isPacingWait(copy)).isFalse();
    }

    @Test
    void aDestinationsCopiesBeyondItsConnectionsWaitForOneToBeDoneWhileOtherDestinationsPass() throws Exception {
        Clock clock = Clock.systemUTC();
        MemoryMailQueueFactory queues = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory(), clock);
        Pacing pacing = pacing(clock, "example.com", PacingRule.MAX_PER_MINUTE, 1);
        MailQueue real = queues.createQueue(OUTGOING);
        MailQueue outgoing = new PacingQueueFactory(queues, pacing, clock).createQueue(OUTGOING);
        List<MailQueueItem> inDelivery = new CopyOnWriteArrayList<>();
        // queued without the pace, so that all three are due at once
        real.enQueue(copy("first@example.com"));
        real.enQueue(copy("second@example.com"));
        real.enQueue(copy("other@elsewhere.example"));

        Disposable delivery = Flux.from(outgoing.deQueue()).subscribe(inDelivery::add);
        try {
            await().untilAsserted(() -> assertThat(recipients(inDelivery))
                .containsExactlyInAnyOrder("first@example.com", "other@elsewhere.example"));
            assertThat(pacing.waiting()).containsExactly(Map.entry("example.com", 1L));

            MailQueueItem first = inDelivery.get(recipients(inDelivery).indexOf("first@example.com"));
            first.done(MailQueueItem.CompletionStatus.SUCCESS);

            await().untilAsserted(() -> assertThat(recipients(inDelivery)).hasSize(3).endsWith("second@example.com"));
            assertThat(pacing.waiting()).isEmpty();
        } finally {
            delivery.dispose();
        }
    }

    private static List<String> recipients(List<MailQueueItem> items) {
        List<String> recipients = new ArrayList<>();
        items.forEach(item -> recipients.add(item.getMail().getRecipients().iterator().next().asString()));
        return recipients;
    }

    private static List<Optional<Instant>> nextDeliveries(ManageableMailQueue queue) throws Exception {
        List<Optional<Instant>> deliveries = new ArrayList<>();
        ManageableMailQueue.MailQueueIterator iterator = queue.browse();
        while (iterator.hasNext()) {
            deliveries.add(iterator.next().getNextDelivery().map(ZonedDateTime::toInstant));
        }
        return deliveries;
    }

    private static Pacing pacing(Clock clock, String destination, int perMinute, int connections) throws Exception {
        Pacing pacing = new Pacing(new MemoryPacingRuleRepository(), new MemoryPaceCounters(), clock);
        pacing.put(PacingRule.of(destination, perMinute, connections));
        return pacing;
    }

    private static Mail copy(String recipient) throws Exception {
        Mail copy = FakeMail.builder().name("m1-" + recipient)
            .attribute(new Attribute(Bouncer.DELIVERY_ERROR, AttributeValue.of("451 4.7.1 Greylisted")))
            .recipient(new MailAddress(recipient))
            .build();
        MailAttributes.setEventContext(copy, COPY);
        return copy;
    }

    // The queue scheduler: delayed mail waits in the queue itself.
    private static RetryWaits queueWaits(Clock clock) {
        return new RetryWaits(SmtpPlusSettings.DEFAULT, new MemoryScheduledMessageRepository(), new MemoryParkedMailRepository(), clock);
    }
}
