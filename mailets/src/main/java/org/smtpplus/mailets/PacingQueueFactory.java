package org.smtpplus.mailets;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.james.core.MailAddress;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.pacing.Pacing;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * RemoteDelivery's outgoing queue, paced per destination domain (docs/operator-guide.md#pacing).
 *
 * <p>Messages per minute where a copy enters the queue: a new copy ({@code enQueue} without a delay: RemoteDelivery's
 * own) takes its destination's next slot and is queued with the delay to it, marked as a pacing wait
 * ({@link MailAttributes#setPacingWait}) so that the queue below, which records a {@code deferred} event for a delayed
 * mail ({@link DeferralRecordingQueueFactory}), records none. The wait is a delayed enqueue of the outgoing queue like
 * a retry's, so it happens wherever the relay's retries wait (the mail queue, or the store with the durable
 * scheduler), and nothing holds a thread or the copy in memory. A retry ({@code enQueue} with a delay) is queued as
 * RemoteDelivery asked, unpaced: its delay, set by the retry schedule, is the reason it waits.
 *
 * <p>Concurrent connections where a copy leaves the queue: a copy in delivery uses one connection, new or kept open
 * from an earlier copy ({@link PooledRemoteDelivery}), so the copies of a destination in delivery at once bound its
 * connections (an idle kept connection was one of theirs before). A copy whose destination has all its connections
 * in use is held, in order, and handed to RemoteDelivery when one of them is done ({@code MailQueueItem.done}). The
 * copies of other destinations pass it by, up to {@link #MAX_HELD} copies held in all: a held copy is one taken from
 * the queue and not yet done (with the ActiveMQ queue, a transacted session each), as RemoteDelivery itself takes up
 * to 256, so the bound is the same. Beyond it the queue is not read until a busy destination finishes a delivery
 * (seconds): head-of-line blocking only while 256 copies wait for connections.
 *
 * <p>A mail has the recipients of one domain (RemoteDelivery splits it by domain when it delivers to MX, and an SMTP+
 * copy has one recipient); one with several (a mail of James's own through a gateway) takes a slot of each and
 * waits for the latest, and is counted on the connections of the first in alphabetical order.
 */
final class PacingQueueFactory extends ForwardingMailQueueFactory {
    static final int MAX_HELD = 256;

    private final Pacing pacing;
    private final Clock clock;

    PacingQueueFactory(MailQueueFactory<? extends MailQueue> delegate, Pacing pacing, Clock clock) {
        super(delegate);
        this.pacing = pacing;
        this.clock = clock;
    }

    static Set<String> destinations(Mail mail) {
        Set<String> domains = new TreeSet<>();
        for (MailAddress recipient : mail.getRecipients()) {
            domains.add(recipient.getDomain().asString().toLowerCase(Locale.ROOT));
        }
        return domains;
    }

    @Override
    MailQueue wrap(MailQueue queue) {
        return new Queue(queue) {
            @Override
            public void enQueue(Mail mail, Duration delay) throws MailQueueException {
                MailAttributes.removePacingWait(mail);
                queue.enQueue(mail, delay);
            }

            @Override
            public void enQueue(Mail mail) throws MailQueueException {
                Duration wait = Duration.ZERO;
                for (String destination : destinations(mail)) {
                    Duration slot = pacing.reserve(destination);
                    wait = slot.compareTo(wait) > 0 ? slot : wait;
                }
                if (wait.isZero()) {
                    queue.enQueue(mail);
                    return;
                }
                MailAttributes.setPacingWait(mail, clock.instant().plus(wait));
                queue.enQueue(mail, wait);
            }

            @Override
            public Publisher<Void> enqueueReactive(Mail mail) {
                return Mono.fromRunnable(() -> {
                    try {
                        enQueue(mail);
                    } catch (MailQueueException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }

            @Override
            public Publisher<MailQueueItem> deQueue() {
                return Flux.from(queue.deQueue()).flatMap(this::whenConnectionFree, MAX_HELD);
            }

            private Mono<MailQueueItem> whenConnectionFree(MailQueueItem item) {
                Optional<String> destination = destinations(item.getMail()).stream().findFirst();
                if (destination.isEmpty()) {
                    return Mono.just(item);
                }
                return Mono.create(sink -> pacing.acquireConnection(destination.get(),
                    () -> sink.success(releasing(item, destination.get()))));
            }

            private MailQueueItem releasing(MailQueueItem item, String destination) {
                AtomicBoolean released = new AtomicBoolean();
                return new MailQueueItem() {
                    @Override
                    public Mail getMail() {
                        return item.getMail();
                    }

                    @Override
                    public void done(CompletionStatus status) throws MailQueueException {
                        try {
                            item.done(status);
                        } finally {
                            // RemoteDelivery calls done again (to retry) when a first done failed: one release
                            if (released.compareAndSet(false, true)) {
                                pacing.releaseConnection(destination);
                            }
                        }
                    }
                };
            }
        };
    }
}
