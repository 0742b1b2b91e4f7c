package org.smtpplus.mailets;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.event.EventSink;
import org.smtpplus.core.event.EventType;

/**
 * The outgoing queue as RemoteDelivery sees it, with one difference: a mail enqueued with a delay is one whose
 * delivery failed temporarily and will be retried (RemoteDelivery enqueues a new mail without one), so a
 * {@code deferred} event is recorded for each recipient of an SMTP+ copy, but for a copy that waits for its
 * destination's pace ({@link PacingQueueFactory}): that delay is no failure. With the durable scheduler the copy then
 * waits its delay in the store ({@link RetryWaits}), not in the queue, whose delay a queue may ignore.
 */
final class DeferralRecordingQueueFactory implements MailQueueFactory<MailQueue> {
    private final MailQueueFactory<?> delegate;
    private final EventSink events;
    private final Clock clock;
    private final RetryWaits retryWaits;

    DeferralRecordingQueueFactory(MailQueueFactory<?> delegate, EventSink events, Clock clock, RetryWaits retryWaits) {
        this.delegate = delegate;
        this.events = events;
        this.clock = clock;
        this.retryWaits = retryWaits;
    }

    @Override
    public Optional<MailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return delegate.getQueue(name, count).map(this::recording);
    }

    @Override
    public MailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return recording(delegate.createQueue(name, count));
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return delegate.listCreatedMailQueues();
    }

    private MailQueue recording(MailQueue queue) {
        return new MailQueue() {
            @Override
            public MailQueueName getName() {
                return queue.getName();
            }

            @Override
            public void enQueue(Mail mail, Duration delay) throws MailQueueException {
                if (!MailAttributes.isPacingWait(mail)) {
                    MailAttributes.eventContextOf(mail)
                        .ifPresent(context -> RecordDeliveryEvent.record(events, clock, EventType.DEFERRED, context, mail));
                }
                if (!retryWaits.park(queue.getName(), mail, delay)) {
                    queue.enQueue(mail, delay);
                }
            }

            @Override
            public void enQueue(Mail mail) throws MailQueueException {
                queue.enQueue(mail);
            }

            @Override
            public Publisher<Void> enqueueReactive(Mail mail) {
                return queue.enqueueReactive(mail);
            }

            @Override
            public Publisher<MailQueueItem> deQueue() {
                return queue.deQueue();
            }

            @Override
            public void close() throws IOException {
                queue.close();
            }
        };
    }
}
