package org.smtpplus.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.address.EmailAddresses;
import org.smtpplus.core.directive.Directive;
import org.smtpplus.core.directive.ProviderExtras;
import org.smtpplus.core.directive.DirectiveParser;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.event.EventSink;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.directive.RecipientCopies;
import org.smtpplus.core.schedule.ParkedMail;
import org.smtpplus.core.schedule.ParkedMailRepository;
import org.smtpplus.core.schedule.ScheduledMessage;
import org.smtpplus.core.schedule.ScheduledMessageRepository;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.store.StoreUnavailableException;

/**
 * Parks a submission whose directive has a future {@code sendAt} (docs/scheduling.md#scheduling-a-message), or that
 * asked for a later release by the SMTP FUTURERELEASE extension, in James's mail queue, delayed
 * until then, and records it in the {@link ScheduledMessageRepository} (so that it can be listed and its batch
 * cancelled) with one {@code scheduled} event per recipient. When the queue hands it back, it goes on to
 * personalisation (at send time, so subscriber data is current) only if the repository releases it: a cancelled
 * message ends here, however soon after its cancellation it was due. Mail without a future {@code sendAt} passes.
 *
 * <p>With {@code smtpplus.scheduler=cassandra} the message waits in the store instead ({@link ParkedMailRepository}),
 * for the durable scheduler of any node to release it; it comes back with the {@link #RELEASED} attribute.
 *
 * <p>A scheduled message is known by its mail's name, unique to the submission; its Message-ID is what it reports.
 * The memory and ActiveMQ queues honour delays; the RabbitMQ queue of the distributed James does not.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code retryDelay} (default {@code 10 seconds}): how long the mail waits in this processor during a store
 *   outage before it comes back.</li>
 * </ul>
 * Any other parameter fails the mailet's start.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpplus.mailets.ScheduleForLater"/>
 * }</pre>
 */
public class ScheduleForLater extends RetryingMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ScheduleForLater.class);
    // Set on a parked mail: when it comes back, it is due and only needs its release.
    private static final AttributeName PARKED = AttributeName.of("smtpplus.parked");
    /** Set by the durable scheduler on a mail it released from the store: it goes on at once. */
    public static final AttributeName RELEASED = AttributeName.of("smtpplus.released");
    private static final String SMTPPLUS_ATTRIBUTES = "smtpplus.";
    // Set before the first store write of a park, with when it began and the sendAt.
    private static final AttributeName PARKING = AttributeName.of("smtpplus.parking");

    private final AccountRepository accounts;
    private final ScheduledMessageRepository scheduled;
    private final ParkedMailRepository parkedMails;
    private final SmtpPlusSettings settings;
    private final EventSink events;
    private final DirectiveParser directiveParser;
    private final Clock clock;

    @Inject
    public ScheduleForLater(AccountRepository accounts, ScheduledMessageRepository scheduled, ParkedMailRepository parkedMails,
                            SmtpPlusSettings settings, EventSink events, DirectiveParser directiveParser, Clock clock) {
        this.accounts = accounts;
        this.scheduled = scheduled;
        this.parkedMails = parkedMails;
        this.settings = settings;
        this.events = events;
        this.directiveParser = directiveParser;
        this.clock = clock;
    }

    @Override
    protected void process(Mail mail) throws MessagingException {
        // The markers stay on the mail: one that comes back here (a retry of the personaliser) passes again.
        if (mail.getAttribute(RELEASED).isPresent()) {
            return;
        }
        try {
            Optional<String> parked = AttributeUtils.getValueAndCastFromMail(mail, PARKED, String.class);
            Optional<String> parking = AttributeUtils.getValueAndCastFromMail(mail, PARKING, String.class);
            if (parked.isPresent()) {
                release(mail, parked.get());
            } else if (parking.isPresent()) {
                String[] instants = parking.get().split(" ");
                park(mail, Instant.parse(instants[0]), Instant.parse(instants[1]));
            } else {
                parkIfLater(mail);
            }
        } catch (StoreUnavailableException e) {
            LOGGER.warn("The store is unavailable ({}): {} waits {} before it is scheduled or released", e.getMessage(),
                mail.getName(), retry().delay());
            retry().later(getMailetContext(), mail);
            mail.setState(Mail.GHOST);
        }
    }

    private void release(Mail mail, String id) {
        ScheduledMessageRepository.ReleaseOutcome outcome = scheduled.release(id);
        switch (outcome) {
            case CANCELLED:
                LOGGER.info("{} was due, but its batch was cancelled: not sent", mail.getName());
                mail.setState(Mail.GHOST);
                return;
            case UNKNOWN:
                // Never dropped for want of a record: it was accepted, and no one cancelled it.
                LOGGER.warn("{} was due but is not in the store of scheduled messages: sent all the same", mail.getName());
                break;
            case ALREADY_RELEASED:
                // Ids are per mail: only an earlier try of this very mail released it.
            case RELEASED:
            default:
                break;
        }
    }

    private void parkIfLater(Mail mail) throws MessagingException {
        Directive directive = Submissions.directive(mail, directiveParser);
        Instant now = clock.instant();
        ProviderExtras extras = Submissions.extras(mail);
        if (!extras.sendEachAt().isEmpty()) {
            sendEachAtItsTime(mail, directive, extras, now);
            if (mail.getRecipients().isEmpty()) {
                mail.setState(Mail.GHOST);
                return;
            }
        }
        Optional<Instant> sendAt = directive.sendAt()
            .or(() -> MailAttributes.futureReleaseOf(mail))
            .filter(at -> at.isAfter(now));
        if (sendAt.isEmpty()) {
            return;
        }
        // From here on the mail is being parked: a retry after an outage finishes the park, even once its time has
        // come, rather than send a message whose park may have reached the store already.
        mail.setAttribute(new Attribute(PARKING, AttributeValue.of(now + " " + sendAt.get())));
        park(mail, now, sendAt.get());
    }

    /**
     * SendGrid's {@code send_each_at} (docs/migrating.md#sendgrid): the recipients of each later time leave as a part
     * of their own, the same message with that {@code sendAt}, which comes back to this processor and is parked as any
     * scheduled message is (listed, cancelled with its batch). The recipients whose time has come stay on the mail.
     * Each part is queued before the mail gives up its recipients: a failure in between sends a recipient twice at
     * worst, never not at all.
     */
    private void sendEachAtItsTime(Mail mail, Directive directive, ProviderExtras extras, Instant now) throws MessagingException {
        Map<Instant, List<MailAddress>> byTime = new TreeMap<>();
        List<MailAddress> due = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            Optional<Instant> at = Optional.ofNullable(extras.sendEachAt().get(EmailAddresses.normalise(recipient.asString())))
                .filter(time -> time.isAfter(now));
            if (at.isPresent()) {
                byTime.computeIfAbsent(at.get(), time -> new ArrayList<>()).add(recipient);
            } else {
                due.add(recipient);
            }
        }
        ProviderExtras partExtras = extras.withoutSendEachAt();
        List<MailAddress> remaining = new ArrayList<>(mail.getRecipients());
        for (Map.Entry<Instant, List<MailAddress>> group : byTime.entrySet()) {
            Mail part = mail.duplicate();
            try {
                part.setName(mail.getName() + "-at-" + group.getKey().getEpochSecond());
                part.setRecipients(group.getValue());
                MailAttributes.setDirective(part, directive.withSendAt(group.getKey()));
                MailAttributes.setProviderExtras(part, partExtras.toJson());
                getMailetContext().sendMail(part, mail.getState());
            } finally {
                LifecycleUtil.dispose(part);
            }
            // a part queued speaks for its recipients: should a later one fail, the mail no longer does
            remaining.removeAll(group.getValue());
            mail.setRecipients(remaining);
        }
        mail.setRecipients(due);
        MailAttributes.setProviderExtras(mail, partExtras.toJson());
        LOGGER.info("{} split into {} parts by send_each_at; {} recipients due now", mail.getName(), byTime.size(), due.size());
    }

    /**
     * @param scheduledAt when the park began: the time of the scheduled events, the same at every try
     */
    private void park(Mail mail, Instant scheduledAt, Instant sendAt) throws MessagingException {
        Directive directive = Submissions.directive(mail, directiveParser);
        Account account = Submissions.account(mail, accounts);
        // The mail's own name is unique to the submission; its Message-ID, which other messages may share, is reported.
        String id = mail.getName();
        String messageId = MailAttributes.messageIdOf(mail).orElse(id);
        List<String> recipients = mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.toList());
        boolean durable = settings.scheduler() == SmtpPlusSettings.SchedulerKind.CASSANDRA;
        if (durable) {
            // The content first: a scheduler that finds the message due finds its content too.
            parkedMails.keep(id, parkedMail(mail));
        }
        scheduled.park(new ScheduledMessage(id, messageId, directive.batchId(), sendAt, account.name(), recipients));
        EventContext context = new RecipientCopies(account, directive, Submissions.extras(mail))
            .eventContext(messageId, mail.getMessageSize());
        recipients.forEach(recipient -> events.record(context.event(EventType.SCHEDULED, scheduledAt, recipient)
            .diagnostic("sendAt " + sendAt)
            .build()));
        if (!durable) {
            mail.removeAttribute(PARKING);
            mail.setAttribute(new Attribute(PARKED, AttributeValue.of(id)));
            long delay = Math.max(0, Duration.between(clock.instant(), sendAt).toMillis());
            getMailetContext().sendMail(mail, mail.getState(), delay, TimeUnit.MILLISECONDS);
        }
        mail.setState(Mail.GHOST);
        LOGGER.info("{} ({}) parked until {} in the {}", id, messageId, sendAt, durable ? "store" : "mail queue");
    }

    private static ParkedMail parkedMail(Mail mail) throws MessagingException {
        Map<String, String> attributes = new HashMap<>();
        mail.attributes()
            .filter(attribute -> attribute.getName().asString().startsWith(SMTPPLUS_ATTRIBUTES))
            .filter(attribute -> !attribute.getName().equals(PARKING))
            .forEach(attribute -> AttributeUtils.getValueAndCastFromMail(mail, attribute.getName(), String.class)
                .ifPresent(value -> attributes.put(attribute.getName().asString(), value)));
        try (InputStream in = new MimeMessageInputStream(mail.getMessage())) {
            return new ParkedMail(mail.getName(), mail.getMaybeSender().asOptional().map(MailAddress::asString),
                mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.toList()), attributes, in.readAllBytes());
        } catch (IOException e) {
            throw new MessagingException("Could not read " + mail.getName() + " to park it", e);
        }
    }
}
