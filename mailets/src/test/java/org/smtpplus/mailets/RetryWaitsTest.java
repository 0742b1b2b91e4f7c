package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.james.transport.mailets.remote.delivery.DeliveryRetriesHelper;
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
import org.smtpplus.core.schedule.ParkedMailRepository;
import org.smtpplus.core.schedule.ScheduledMessage;
import org.smtpplus.core.schedule.ScheduledMessageRepository;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.store.StoreOutage;

import reactor.core.publisher.Flux;

class RetryWaitsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final MailQueueName OUTGOING = MailQueueName.of("outgoing");
    private static final EventContext COPY = new EventContext("shop", Optional.of("cust-7"), List.of("welcome"), "customers",
        "<m1@shop.example>", 1234);
    private static final SmtpPlusSettings DURABLE = settings("cassandra");

    private final MemoryScheduledMessageRepository scheduled = new MemoryScheduledMessageRepository();
    private final MemoryParkedMailRepository parkedMails = new MemoryParkedMailRepository();
    private final MemoryMailQueueFactory queues = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory(), CLOCK);
    private final MemoryEventStore events = new MemoryEventStore();

    // RemoteDelivery enqueues a copy again with a delay after a temporary failure, in the error state, its retries counted.
    @Test
    void withTheCassandraSchedulerADeferredCopyWaitsInTheStoreNotInTheQueue() throws Exception {
        MailQueue outgoing = factory(new RetryWaits(DURABLE, scheduled, parkedMails, CLOCK)).createQueue(OUTGOING);

        outgoing.enQueue(deferredCopy(2), Duration.ofMinutes(2));

        assertThat(queues.getQueue(OUTGOING).orElseThrow().getSize()).isZero();
        assertThat(events.recorded()).singleElement().satisfies(event -> assertThat(event.type()).isEqualTo(EventType.DEFERRED));
        ScheduledMessage wait = scheduled.pending(Optional.empty()).get(0);
        assertThat(wait.id()).isEqualTo("retry:outgoing:2:m1-0");
        assertThat(RetryWaits.isRetry(wait.id())).isTrue();
        assertThat(wait.sendAt()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
        assertThat(wait.account()).isEqualTo("shop");
        assertThat(wait.messageId()).isEqualTo("<m1@shop.example>");
        assertThat(wait.batchId()).isEmpty();
        assertThat(wait.recipients()).containsExactly("ann@example.com");
        assertThat(scheduled.due(NOW.plus(Duration.ofMinutes(2)), 10)).containsExactly(wait);
        assertThat(parkedMails.get(wait.id())).isPresent();
    }

    @Test
    void aReleasedWaitGoesBackIntoItsQueueAsRemoteDeliveryLeftIt() throws Exception {
        factory(new RetryWaits(DURABLE, scheduled, parkedMails, CLOCK)).createQueue(OUTGOING)
            .enQueue(deferredCopy(3), Duration.ofMinutes(10));
        String id = scheduled.pending(Optional.empty()).get(0).id();

        RetryWaits.requeue(queues, id, parkedMails.get(id).orElseThrow());

        MailQueue.MailQueueItem item = Flux.from(queues.getQueue(OUTGOING).orElseThrow().deQueue()).blockFirst();
        Mail mail = item.getMail();
        assertThat(mail.getName()).isEqualTo("m1-0");
        assertThat(mail.getState()).isEqualTo(Mail.ERROR);
        assertThat(DeliveryRetriesHelper.retrieveRetries(mail)).isEqualTo(3);
        assertThat(mail.getMaybeSender().asString()).isEqualTo("bounces+t1@bounces.example");
        assertThat(mail.getRecipients()).containsExactly(new MailAddress("ann@example.com"));
        assertThat(MailAttributes.eventContextOf(mail)).contains(COPY);
        assertThat(mail.getAttribute(Bouncer.IS_DELIVERY_PERMANENT_ERROR)).contains(
            new Attribute(Bouncer.IS_DELIVERY_PERMANENT_ERROR, AttributeValue.of(false)));
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        mail.getMessage().writeTo(content);
        assertThat(content.toString(StandardCharsets.UTF_8)).contains("Subject: Hello", "Hi Ann");
    }

    @Test
    void withTheQueueSchedulerTheQueueHoldsTheWaitAsBefore() throws Exception {
        MailQueue outgoing = factory(new RetryWaits(SmtpPlusSettings.DEFAULT, scheduled, parkedMails, CLOCK)).createQueue(OUTGOING);

        outgoing.enQueue(deferredCopy(1), Duration.ofMinutes(2));

        assertThat(queues.getQueue(OUTGOING).orElseThrow().getSize()).isEqualTo(1);
        assertThat(scheduled.pending(Optional.empty())).isEmpty();
    }

    @Test
    void aStoreOutageLeavesTheWaitToTheQueueAndKeepsNoContentBehind() throws Exception {
        StoreOutage<ParkedMailRepository> contentOutage = StoreOutage.of(ParkedMailRepository.class, parkedMails);
        contentOutage.downFor("keep");
        MailQueue outgoing = factory(new RetryWaits(DURABLE, scheduled, contentOutage.port(), CLOCK)).createQueue(OUTGOING);

        outgoing.enQueue(deferredCopy(1), Duration.ofMinutes(2));

        assertThat(queues.getQueue(OUTGOING).orElseThrow().getSize()).isEqualTo(1);
        assertThat(scheduled.pending(Optional.empty())).isEmpty();
    }

    @Test
    void aParkCutShortAfterTheContentDropsTheContentSoTheWaitIsNeverSentTwice() throws Exception {
        StoreOutage<ScheduledMessageRepository> scheduleOutage =
            StoreOutage.of(ScheduledMessageRepository.class, scheduled);
        scheduleOutage.downFor("park");
        MailQueue outgoing = factory(new RetryWaits(DURABLE, scheduleOutage.port(), parkedMails, CLOCK)).createQueue(OUTGOING);

        outgoing.enQueue(deferredCopy(1), Duration.ofMinutes(2));

        assertThat(queues.getQueue(OUTGOING).orElseThrow().getSize()).isEqualTo(1);
        assertThat(parkedMails.get("retry:outgoing:1:m1-0")).isEmpty();
    }

    @Test
    void aMailEnqueuedWithoutADelayIsNoWait() throws Exception {
        factory(new RetryWaits(DURABLE, scheduled, parkedMails, CLOCK)).createQueue(OUTGOING).enQueue(deferredCopy(0));

        assertThat(queues.getQueue(OUTGOING).orElseThrow().getSize()).isEqualTo(1);
        assertThat(scheduled.pending(Optional.empty())).isEmpty();
    }

    private DeferralRecordingQueueFactory factory(RetryWaits retryWaits) {
        return new DeferralRecordingQueueFactory(queues, events, CLOCK, retryWaits);
    }

    private static Mail deferredCopy(int retries) throws Exception {
        Mail copy = FakeMail.builder().name("m1-0")
            .sender("bounces+t1@bounces.example")
            .recipient(new MailAddress("ann@example.com"))
            .state(Mail.ERROR)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .setSubject("Hello")
                .setText("Hi Ann"))
            .attribute(DeliveryRetriesHelper.makeAttribute(retries))
            .attribute(new Attribute(Bouncer.IS_DELIVERY_PERMANENT_ERROR, AttributeValue.of(false)))
            .build();
        MailAttributes.setEventContext(copy, COPY);
        MailAttributes.setAccount(copy, "shop");
        MailAttributes.setMessageId(copy, "<m1@shop.example>");
        return copy;
    }

    private static SmtpPlusSettings settings(String scheduler) {
        try {
            return SmtpPlusSettings.from(key -> Optional.ofNullable(Map.of(
                SmtpPlusSettings.STORE, "cassandra", SmtpPlusSettings.SCHEDULER, scheduler).get(key)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
