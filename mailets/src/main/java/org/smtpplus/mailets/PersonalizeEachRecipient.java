package org.smtpplus.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.directive.DirectiveParser;
import org.smtpplus.core.domain.SendingDomains;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.event.EventSink;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.mime.CopySpec;
import org.smtpplus.core.mime.MessagePersonalizer;
import org.smtpplus.core.mime.ParsedMessage;
import org.smtpplus.core.directive.RecipientCopies;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.subscriber.Subscriber;
import org.smtpplus.core.subscriber.SubscriberRepository;
import org.smtpplus.core.suppression.Suppression;
import org.smtpplus.core.suppression.SuppressionRepository;
import org.smtpplus.core.token.RecipientToken;
import org.smtpplus.core.token.RecipientTokens;

/**
 * Turns an SMTP+ submission into one personalised copy per envelope recipient
 * (docs/headers.md#what-each-recipient-receives) and sends each to the processor named by {@code <processor>}; the
 * submission itself is then ghosted. A recipient suppressed for the message's list (or globally) gets no copy and a
 * {@code suppressed} event; every recipient that gets one is registered in the list (docs/api.md#subscribers).
 *
 * <p>Every copy is built, and every store write done, before the first copy is sent: a message that cannot be
 * personalised goes to the error processor whole, and one that meets a store outage goes back to this processor
 * after {@code <retryDelay>}, as many times as it takes, without any copy sent twice.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code processor} (default {@code transport}): the processor every personalised copy is sent to;</li>
 *   <li>{@code retryDelay} (default {@code 10 seconds}): how long the submission waits in this processor during a
 *   store outage before it comes back.</li>
 * </ul>
 * Any other parameter fails the mailet's start.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpplus.mailets.PersonalizeEachRecipient">
 *     <processor>transport</processor>
 * </mailet>
 * }</pre>
 */
public class PersonalizeEachRecipient extends RetryingMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(PersonalizeEachRecipient.class);
    private static final String PROCESSOR = "processor";

    private final AccountRepository accounts;
    private final SubscriberRepository subscribers;
    private final SuppressionRepository suppressions;
    private final EventSink events;
    private final DirectiveParser directiveParser;
    private final RecipientTokens tokens;
    private final SendingDomains sendingDomains;
    private final Clock clock;
    private String processor;

    @Inject
    public PersonalizeEachRecipient(AccountRepository accounts, SubscriberRepository subscribers,
                                    SuppressionRepository suppressions, EventSink events,
                                    DirectiveParser directiveParser, RecipientTokens tokens,
                                    SendingDomains sendingDomains, Clock clock) {
        this.accounts = accounts;
        this.subscribers = subscribers;
        this.suppressions = suppressions;
        this.events = events;
        this.directiveParser = directiveParser;
        this.tokens = tokens;
        this.sendingDomains = sendingDomains;
        this.clock = clock;
    }

    @Override
    Set<String> ownParameters() {
        return Set.of(PROCESSOR);
    }

    @Override
    void configure() throws MessagingException {
        processor = getInitParameter(PROCESSOR, "transport");
    }

    @Override
    protected void process(Mail mail) throws MessagingException {
        try {
            personaliseAndSend(mail);
        } catch (StoreUnavailableException e) {
            retryLater(mail, "The store is unavailable (" + e.getMessage() + ")");
        }
        mail.setState(Mail.GHOST);
    }

    private void personaliseAndSend(Mail mail) throws MessagingException {
        Account account = Submissions.account(mail, accounts);
        RecipientCopies copies = new RecipientCopies(account, Submissions.directive(mail, directiveParser));
        String list = copies.list();
        ParsedMessage message = parse(mail);
        Instant now = clock.instant();
        String messageId = MailAttributes.messageIdOf(mail).orElse(mail.getName());
        EventContext eventContext = copies.eventContext(messageId, mail.getMessageSize());
        // A registered sending domain's own return path aligns the copy's SPF with its From: for DMARC (RFC 7489
        // section 3.1.2); the List-Unsubscribe mailto stays at the bounce domain.
        String returnPathDomain = sendingDomains.returnPathFor(account.name(), message.authorDomain());

        List<Mail> personalised = new ArrayList<>();
        List<MailAddress> relayed = new ArrayList<>();
        // Recorded once the store work is done: a retried mail records them again, with the same ids, counted once.
        Instant acceptedAt = MailAttributes.acceptedAtOf(mail).orElse(now);
        List<DeliveryEvent> stepEvents = new ArrayList<>();
        mail.getRecipients().forEach(recipient ->
            stepEvents.add(eventContext.event(EventType.ACCEPTED, acceptedAt, recipient.asString()).build()));
        try {
            for (MailAddress recipient : mail.getRecipients()) {
                Optional<Suppression> suppression = suppressions.suppressing(recipient.asString(), list);
                if (suppression.isPresent()) {
                    stepEvents.add(eventContext.event(EventType.SUPPRESSED, now, recipient.asString())
                        .status(suppression.get().reason().asJson())
                        .diagnostic(suppression.get().isGlobal() ? "suppressed globally" : "suppressed for list " + list)
                        .build());
                    continue;
                }
                Map<String, String> fields = subscribers.get(list, recipient.asString())
                    .map(Subscriber::fields)
                    .orElse(Map.of());
                RecipientToken token = copies.tokenFor(messageId, recipient.asString(), now);
                CopySpec spec = copies.specFor(recipient.asString(), fields, tokens.issueUnsubscribe(token), tokens);
                MailAddress returnPath = new MailAddress(tokens.returnPath(token, returnPathDomain));
                String name = mail.getName() + "-" + relayed.size();
                personalised.add(copyFor(mail, name, recipient, returnPath, personalise(message, spec, name), eventContext));
                relayed.add(recipient);
            }
            for (MailAddress recipient : relayed) {
                subscribers.registerSent(list, recipient.asString(), now);
            }
            stepEvents.forEach(events::record);
            sendAll(mail, personalised);
        } finally {
            personalised.forEach(LifecycleUtil::dispose);
        }
    }

    private void sendAll(Mail mail, List<Mail> personalised) throws MessagingException {
        for (int sent = 0; sent < personalised.size(); sent++) {
            try {
                getMailetContext().sendMail(personalised.get(sent), processor);
            } catch (MessagingException | RuntimeException e) {
                // Only the recipients still without a copy stay on the submission, so that its retry (or, if even
                // that cannot be queued, its bounce) speaks for them alone.
                List<MailAddress> unsent = personalised.subList(sent, personalised.size()).stream()
                    .flatMap(copy -> copy.getRecipients().stream())
                    .collect(Collectors.toList());
                mail.setRecipients(unsent);
                retryLater(mail, "Could not queue the copies for " + unsent + " (" + e + ")");
                return;
            }
        }
    }

    private void retryLater(Mail mail, String reason) throws MessagingException {
        LOGGER.warn("{}: {} waits {} before it is personalised again", reason, mail.getName(), retry().delay());
        retry().later(getMailetContext(), mail);
    }

    private static ParsedMessage parse(Mail mail) throws MessagingException {
        try (InputStream in = new MimeMessageInputStream(mail.getMessage())) {
            return ParsedMessage.parse(in);
        } catch (IOException e) {
            throw new MessagingException("Could not parse the message of " + mail.getName(), e);
        }
    }

    /**
     * The copy written straight into the source its mail will own: no array of it is made, copied and read back
     * (James's MimeMessageInputStreamSource keeps it in memory, or in a file beyond its threshold).
     */
    private static MimeMessageInputStreamSource personalise(ParsedMessage message, CopySpec spec, String name)
        throws MessagingException {
        MimeMessageInputStreamSource source = MimeMessageInputStreamSource.create(name);
        try (OutputStream out = source.getWritableOutputStream()) {
            MessagePersonalizer.write(message, spec, out);
            return source;
        } catch (IOException e) {
            source.dispose();
            throw new MessagingException("Could not personalise the copy for " + spec.recipient(), e);
        }
    }

    /**
     * @param returnPath the copy's VERP envelope sender (docs/headers.md#what-each-recipient-receives): whatever
     *                   bounces it, and whoever reports it, names the copy's token, so the recipient is known even
     *                   when a report names an alias or a forward
     */
    private static Mail copyFor(Mail mail, String name, MailAddress recipient, MailAddress returnPath,
                                MimeMessageInputStreamSource content, EventContext eventContext) throws MessagingException {
        MailImpl copy = MailImpl.builder()
            .name(name)
            .sender(returnPath)
            .addRecipient(recipient)
            .remoteHost(mail.getRemoteHost())
            .remoteAddr(mail.getRemoteAddr())
            .build();
        MailAttributes.setCopyAttributes(mail, copy, eventContext);
        // Handing the source over (rather than a message, which the builder copies) leaves one copy, owned and
        // disposed by the mail.
        copy.setMessageContent(content);
        return copy;
    }
}
