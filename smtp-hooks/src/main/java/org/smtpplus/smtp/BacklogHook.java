package org.smtpplus.smtp;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import javax.inject.Inject;

import org.apache.james.core.MaybeSender;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.ratelimit.LogThrottle;
import org.smtpplus.core.schedule.ScheduledMessageRepository;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.store.StoreUnavailableException;

import com.google.common.annotations.VisibleForTesting;
import com.google.common.base.Ticker;

/**
 * Back-pressure (docs/operator-guide.md#back-pressure): while more mails than {@code smtpplus.backlog.limit} wait in
 * James's queues (copies for their next hop in the outgoing queues, messages in the spool; not the scheduled messages
 * the queue scheduler parks there), a new message is refused at MAIL FROM, before its data is sent, with
 * {@code 451 4.3.1} (RFC 3463 section 3.4: mail system full; RFC 5321 section 4.2.5: the client keeps it and tries
 * again later). A next hop slower than the senders then slows the senders, rather than filling the heap.
 *
 * <p>The queues are counted at most once a second, by the first MAIL FROM after it, not at every message: the memory
 * queue's size is a counter, but the ActiveMQ one's is a request to its broker, and the scheduled messages a count in
 * the store. A backlog just past the limit may so take a second more mail before the refusals start. While one session
 * counts, the others go on with the last count rather than wait for it (with the ActiveMQ queue a count is a request
 * and a reply through the broker, and every SMTP session waiting for it was 5 to 9% of their time in a profile).
 */
public class BacklogHook implements MailHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(BacklogHook.class);
    private static final Duration RECOUNT = Duration.ofSeconds(1);

    private final MailQueueFactory<? extends ManageableMailQueue> queues;
    private final ScheduledMessageRepository scheduled;
    private final boolean scheduledInQueues;
    private final int limit;
    private final Ticker ticker;
    private final LogThrottle refusalLog;
    private final ReentrantLock countLock = new ReentrantLock();
    private volatile long backlog;
    private volatile long countedAt;
    private volatile boolean counted;
    private long scheduledCount;

    @Inject
    public BacklogHook(MailQueueFactory<? extends ManageableMailQueue> queues, ScheduledMessageRepository scheduled,
                       SmtpPlusSettings settings) {
        this(queues, scheduled, settings, Ticker.systemTicker());
    }

    @VisibleForTesting
    BacklogHook(MailQueueFactory<? extends ManageableMailQueue> queues, ScheduledMessageRepository scheduled,
                SmtpPlusSettings settings, Ticker ticker) {
        this.queues = queues;
        this.scheduled = scheduled;
        this.scheduledInQueues = settings.scheduler() == SmtpPlusSettings.SchedulerKind.QUEUE;
        this.limit = settings.backlogLimit();
        this.ticker = ticker;
        // Every refused MAIL FROM would log: one line a minute says it.
        this.refusalLog = new LogThrottle(Duration.ofMinutes(1), ticker);
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        long waiting = backlog();
        if (waiting <= limit) {
            return HookResult.DECLINED;
        }
        refusalLog.admit().ifPresent(leftOut -> LOGGER.warn("{} mails wait in the queues, more than smtpplus.backlog.limit={}: "
            + "new messages are refused with 451 4.3.1{}", waiting, limit, LogThrottle.leftOut(leftOut)));
        return SmtpReplies.temporary("451", "4.3.1", "The relay has too much mail waiting to be delivered, try again later");
    }

    private long backlog() {
        long now = ticker.read();
        if (counted && now - countedAt < RECOUNT.toNanos()) {
            return backlog;
        }
        // another session counts: its count comes soon, this one goes on with the last (none yet: mail is taken)
        if (!countLock.tryLock()) {
            return backlog;
        }
        try {
            // another session may have counted just before this one took the lock
            if (!counted || ticker.read() - countedAt >= RECOUNT.toNanos()) {
                backlog = count();
                countedAt = ticker.read();
                counted = true;
            }
            return backlog;
        } finally {
            countLock.unlock();
        }
    }

    private long count() {
        long inQueues = 0;
        for (MailQueueName name : queues.listCreatedMailQueues()) {
            Optional<? extends ManageableMailQueue> queue = queues.getQueue(name);
            if (queue.isPresent()) {
                try {
                    inQueues += queue.get().getSize();
                } catch (MailQueue.MailQueueException e) {
                    // A queue that cannot say its size is not counted: mail is refused only for a backlog known.
                    LOGGER.warn("Could not count the mails in queue {}: {}", name.asString(), e.getMessage());
                }
            }
        }
        if (scheduledInQueues) {
            try {
                scheduledCount = scheduled.countPending();
            } catch (StoreUnavailableException e) {
                // the last count stands: scheduled messages change slowly, and an outage must not refuse mail
            }
        }
        return Math.max(0, scheduledInQueues ? inQueues - scheduledCount : inQueues);
    }
}
