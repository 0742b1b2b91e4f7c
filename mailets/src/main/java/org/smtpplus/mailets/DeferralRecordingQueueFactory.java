package org.smtpplus.mailets;

import java.time.Clock;
import java.time.Duration;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Mail;
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
final class DeferralRecordingQueueFactory extends ForwardingMailQueueFactory {
    private final EventSink events;
    private final Clock clock;
    private final RetryWaits retryWaits;

    DeferralRecordingQueueFactory(MailQueueFactory<?> delegate, EventSink events, Clock clock, RetryWaits retryWaits) {
        super(delegate);
        this.events = events;
        this.clock = clock;
        this.retryWaits = retryWaits;
    }

    @Override
    MailQueue wrap(MailQueue queue) {
        return new Queue(queue) {
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
        };
    }
}
