package org.smtpplus.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.transport.mailets.remote.delivery.DeliveryRetriesHelper;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.schedule.ParkedMail;
import org.smtpplus.core.schedule.ParkedMailRepository;
import org.smtpplus.core.schedule.ScheduledMessage;
import org.smtpplus.core.schedule.ScheduledMessageRepository;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.store.StoreUnavailableException;

/**
 * With {@code smtpplus.scheduler=cassandra}: the wait before RemoteDelivery tries a copy again after a temporary
 * failure happens in the store, not in James's mail queue, whose delays the distributed James's RabbitMQ queue ignores
 * (docs/operator-guide.md#retries-after-a-temporary-failure). RemoteDelivery puts such a copy back into its
 * {@code outgoing} queue with a delay; {@link DeferralRecordingQueueFactory} hands it here instead, and it is parked
 * as the scheduled messages of
 * {@link ScheduleForLater} are: its content in the {@link ParkedMailRepository}, and a {@link ScheduledMessage} due
 * when the delay ends, under a key of its own ({@code retry:QUEUE:RETRIES:MAIL}). The durable scheduler finds it due
 * and releases it by the same lightweight transaction, so once across nodes, then {@link #requeue}s it into that
 * queue without a delay, where RemoteDelivery tries it again. Reusing that mechanism, rather than tables of its own,
 * keeps one proven once-only release and one scheduler; a waiting copy is listed by {@code GET /smtpplus/scheduled}
 * and counted as scheduled in the queue report (docs/scheduling.md).
 *
 * <p>The copy is parked with every attribute James can write as JSON ({@link AttributeValue#toJson()}, the way James's
 * own distributed queue keeps them), RemoteDelivery's retry count ({@link DeliveryRetriesHelper#DELIVERY_RETRY_COUNT})
 * among them, and goes back in RemoteDelivery's error state: a copy in another state would start counting its retries
 * again. A store that fails the park leaves the copy to the queue's own delay, with a log line: it is never lost, and
 * on a queue that ignores delays it is tried again at once, as without this class.
 */
public class RetryWaits {
    private static final Logger LOGGER = LoggerFactory.getLogger(RetryWaits.class);
    private static final String PREFIX = "retry:";
    private static final char SEPARATOR = ':';

    private final SmtpPlusSettings settings;
    private final ScheduledMessageRepository scheduled;
    private final ParkedMailRepository parkedMails;
    private final Clock clock;

    @Inject
    public RetryWaits(SmtpPlusSettings settings, ScheduledMessageRepository scheduled, ParkedMailRepository parkedMails,
                      Clock clock) {
        this.settings = settings;
        this.scheduled = scheduled;
        this.parkedMails = parkedMails;
        this.clock = clock;
    }

    /**
     * Parks the mail in the store until {@code delay} from now, for the durable scheduler to put back into
     * {@code queue}.
     *
     * @return true when the store holds the mail now; false when the queue is to hold it: the queue scheduler, no
     *         delay, or a store that failed the park (logged)
     */
    public boolean park(MailQueueName queue, Mail mail, Duration delay) {
        if (settings.scheduler() != SmtpPlusSettings.SchedulerKind.CASSANDRA || delay.isZero() || delay.isNegative()
            || mail.getRecipients().isEmpty()) {
            return false;
        }
        if (queue.asString().indexOf(SEPARATOR) >= 0) {
            LOGGER.warn("{} waits its retry in queue {}, whose name has a '{}' that the store's key cannot hold", mail.getName(),
                queue.asString(), SEPARATOR);
            return false;
        }
        String key = PREFIX + queue.asString() + SEPARATOR + DeliveryRetriesHelper.retrieveRetries(mail) + SEPARATOR + mail.getName();
        Instant dueAt = clock.instant().plus(delay);
        try {
            // The content first: a scheduler that finds the wait due finds its content too.
            parkedMails.keep(key, parkedMail(mail));
            scheduled.park(new ScheduledMessage(key, MailAttributes.messageIdOf(mail).orElse(mail.getName()), Optional.empty(),
                dueAt, MailAttributes.accountOf(mail).orElse(""), recipients(mail)));
        } catch (StoreUnavailableException | MessagingException e) {
            LOGGER.warn("{} could not wait its retry in the store ({}): it waits in queue {}, which may not honour its delay of {}",
                mail.getName(), e.getMessage(), queue.asString(), delay);
            forget(key);
            return false;
        }
        LOGGER.info("{} waits in the store until {} before its next delivery attempt", mail.getName(), dueAt);
        return true;
    }

    // A park cut short may have reached the store: without its content, a released wait is never sent twice.
    private void forget(String key) {
        try {
            parkedMails.delete(key);
        } catch (StoreUnavailableException e) {
            LOGGER.warn("The content of {} stays in the store until it expires: {}", key, e.getMessage());
        }
    }

    /** Whether the scheduled message is the wait of a retry, parked by {@link #park}. */
    public static boolean isRetry(String scheduledId) {
        return scheduledId.startsWith(PREFIX);
    }

    /**
     * Puts a released wait back into its queue, without a delay, as RemoteDelivery left it: its envelope, attributes and
     * error state.
     *
     * @param scheduledId the key {@link #park} parked it under
     */
    public static void requeue(MailQueueFactory<?> queues, String scheduledId, ParkedMail parked) throws MessagingException {
        String queueName = scheduledId.substring(PREFIX.length(), scheduledId.indexOf(SEPARATOR, PREFIX.length()));
        MailImpl mail = ParkedMails.envelope(parked);
        try {
            mail.setState(Mail.ERROR);
            mail.setLastUpdated(new Date());
            parked.attributes().forEach((name, json) -> attribute(parked, name, json).ifPresent(mail::setAttribute));
            MailQueueName name = MailQueueName.of(queueName);
            // RemoteDelivery made its queue at its start; a lookup is cheaper than a creation on some queues (RabbitMQ)
            MailQueue queue = queues.getQueue(name).map(MailQueue.class::cast).orElseGet(() -> queues.createQueue(name));
            queue.enQueue(mail);
        } finally {
            mail.dispose();
        }
    }

    private static Optional<Attribute> attribute(ParkedMail parked, String name, String json) {
        try {
            return Optional.of(new Attribute(AttributeName.of(name), AttributeValue.fromJsonString(json)));
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("{} goes back to delivery without its attribute {}, which the store holds unreadable: {}", parked.name(),
                name, e.getMessage());
            return Optional.empty();
        }
    }

    private static ParkedMail parkedMail(Mail mail) throws MessagingException {
        Map<String, String> attributes = new HashMap<>();
        // James's own distributed queue keeps attributes so; one without a JSON form (an unserializable value) is dropped
        mail.attributes().forEach(attribute -> attribute.getValue().toJson()
            .ifPresent(json -> attributes.put(attribute.getName().asString(), json.toString())));
        try (InputStream in = new MimeMessageInputStream(mail.getMessage())) {
            return new ParkedMail(mail.getName(), mail.getMaybeSender().asOptional().map(MailAddress::asString), recipients(mail),
                attributes, in.readAllBytes());
        } catch (IOException e) {
            throw new MessagingException("Could not read " + mail.getName() + " to park it until its retry", e);
        }
    }

    private static List<String> recipients(Mail mail) {
        return mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.toList());
    }
}
