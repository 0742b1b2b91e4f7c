package org.smtpplus.guice;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.utils.UserDefinedStartable;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.schedule.ParkedMail;
import org.smtpplus.core.schedule.ParkedMailRepository;
import org.smtpplus.core.schedule.ScheduledMessage;
import org.smtpplus.core.schedule.ScheduledMessageRepository;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.mailets.ParkedMails;
import org.smtpplus.mailets.RetryWaits;

/**
 * With {@code smtpplus.scheduler=cassandra}: releases the messages parked in the store when they are due, on every
 * node. The store's lightweight transaction on each message makes one node the one that releases it, so two nodes
 * never send the same message; a node that restarts loses nothing, the messages wait in Cassandra. A released message
 * goes back to the {@code smtpplus} processor, to be personalised then; a copy that waited there for its next delivery
 * attempt ({@link RetryWaits}) goes back to RemoteDelivery's queue. James starts it ({@code guice.extension.startable}).
 *
 * <p>A node that stops between its release and its hand-over to James's spool loses that one message: a release is
 * at most once, as sending twice would be worse. A hand-over that fails gives the message back, to be released again.
 */
public class DurableScheduler implements UserDefinedStartable {
    private static final Logger LOGGER = LoggerFactory.getLogger(DurableScheduler.class);
    // docs/scheduling.md promises delivery within a few seconds of sendAt (5 on an idle relay).
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final int BATCH = 100;
    private static final String PROCESSOR = "smtpplus";

    private final SmtpPlusSettings settings;
    private final ScheduledMessageRepository scheduled;
    private final ParkedMailRepository parkedMails;
    private final MailetContext mailetContext;
    private final MailQueueFactory<?> queues;
    private final Clock clock;

    @Inject
    public DurableScheduler(SmtpPlusSettings settings, ScheduledMessageRepository scheduled, ParkedMailRepository parkedMails,
                            MailetContext mailetContext, MailQueueFactory<?> queues, Clock clock) {
        this.settings = settings;
        this.scheduled = scheduled;
        this.parkedMails = parkedMails;
        this.mailetContext = mailetContext;
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    public void start() {
        if (settings.scheduler() != SmtpPlusSettings.SchedulerKind.CASSANDRA) {
            return;
        }
        // James stops from a shutdown hook of its own, in no set order with this one's: a hand-over that meets a stopped
        // spool fails and gives its message back.
        PeriodicTasks.everyUntilExit("smtpplus-durable-scheduler", INTERVAL, INTERVAL, this::releaseDue);
        LOGGER.info("SMTP+ durable scheduler started: messages scheduled for later and retries wait in Cassandra");
    }

    // Never throws: an exception would end the scheduled task for good.
    void releaseDue() {
        try {
            for (ScheduledMessage message : scheduled.due(clock.instant(), BATCH)) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                releaseOne(message);
            }
        } catch (StoreUnavailableException e) {
            LOGGER.warn("Scheduled messages wait for the store: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOGGER.error("Could not release the scheduled messages due", e);
        }
    }

    // The content is read before the release, and a release that cannot be handed over is given back: a message is
    // lost only if this node stops between its release and its hand-over.
    private void releaseOne(ScheduledMessage message) {
        Optional<ParkedMail> parked = parkedMails.get(message.id());
        if (parked.isEmpty()) {
            if (scheduled.release(message.id()) == ScheduledMessageRepository.ReleaseOutcome.RELEASED) {
                LOGGER.error("{} ({}) was due at {}, but its content is not in the store: it cannot be sent", message.id(),
                    message.messageId(), message.sendAt());
            }
            return;
        }
        if (scheduled.release(message.id()) != ScheduledMessageRepository.ReleaseOutcome.RELEASED) {
            return;
        }
        try {
            if (RetryWaits.isRetry(message.id())) {
                RetryWaits.requeue(queues, message.id(), parked.get());
            } else {
                ParkedMails.sendReleased(mailetContext, parked.get(), PROCESSOR);
            }
        } catch (MessagingException | RuntimeException e) {
            LOGGER.warn("{} was released, but could not be handed to James's spool: it is given back to be released again",
                message.id(), e);
            scheduled.requeue(message.id());
            return;
        }
        try {
            parkedMails.delete(message.id());
        } catch (StoreUnavailableException e) {
            LOGGER.warn("The content of {} stays in the store until it expires: {}", message.id(), e.getMessage());
        }
        LOGGER.info("{} ({}) released, due at {}", message.id(), message.messageId(), message.sendAt());
    }
}
