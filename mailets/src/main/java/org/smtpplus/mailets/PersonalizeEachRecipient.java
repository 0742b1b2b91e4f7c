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
import org.apache.james.mailetcontainer.api.MailProcessor;
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
import org.smtpplus.core.merge.LiteralTags;
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
 * (docs/headers.md#what-each-recipient-receives) and hands each to the processor named by {@code <processor>}; the
 * submission itself is then ghosted. A recipient suppressed for the message's list (or globally) gets no copy and a
 * {@code suppressed} event; every recipient that gets one is registered in the list (docs/api.md#subscribers).
 *
 * <p>Copies are made {@value #CHUNK} recipients at a time, so that a message to many recipients needs the heap of
 * one chunk's copies, not of all of them: a chunk's store work is done and its events recorded before any of its
 * copies is handed over, then its copies are handed over and disposed before the next chunk is made. Whatever stops
 * the submission midway (a store outage, a copy that cannot be handed over, a message that cannot be personalised)
 * leaves on it only the recipients still without a copy: it goes back to this processor after {@code <retryDelay>}
 * (an outage, a hand-over), as many times as it takes, or to the error processor (personalisation), and no copy is
 * ever sent twice. Events recorded again on a retry have the same ids, and are counted once.
 *
 * <p>A copy is handed over in the spool thread, through James's own mail processor ({@link MailProcessor}, which the
 * spooler calls): it runs the configured processors from {@code <processor>} on (transport, relay, its DKIM signature
 * and RemoteDelivery's outgoing queue) at once, rather than wait in the spool queue, which would duplicate it,
 * serialise its message and parse it again. A mailet failing on it sends it to the error processor, as in the spool;
 * a failure that James's processor lets through (an {@code onMailetException} set to {@code propagate}) counts as a
 * copy not handed over.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code processor} (default {@code transport}): the processor every personalised copy is handed to;</li>
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
    /** Recipients whose copies are made before they are handed over: the copies a submission holds at most. */
    static final int CHUNK = 100;

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
    private final MailProcessor processors;
    private String processor;

    @Inject
    public PersonalizeEachRecipient(AccountRepository accounts, SubscriberRepository subscribers,
                                    SuppressionRepository suppressions, EventSink events,
                                    DirectiveParser directiveParser, RecipientTokens tokens,
                                    SendingDomains sendingDomains, Clock clock, MailProcessor processors) {
        this.accounts = accounts;
        this.subscribers = subscribers;
        this.suppressions = suppressions;
        this.events = events;
        this.directiveParser = directiveParser;
        this.tokens = tokens;
        this.sendingDomains = sendingDomains;
        this.clock = clock;
        this.processors = processors;
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
        } catch (HandOverException e) {
            retryLater(mail, "Could not hand over the copies for " + mail.getRecipients() + " (" + e.getCause() + ")");
        }
        mail.setState(Mail.GHOST);
    }

    private void personaliseAndSend(Mail mail) throws MessagingException, HandOverException {
        Account account = Submissions.account(mail, accounts);
        RecipientCopies copies = new RecipientCopies(account, Submissions.directive(mail, directiveParser),
            Submissions.extras(mail));
        ParsedMessage message = parse(mail, copies.literalTags());
        CopyMaker maker = new CopyMaker(mail, copies, message, account.name());
        List<MailAddress> recipients = List.copyOf(mail.getRecipients());
        // Recipients before this index have their copy handed over, or their suppressed event recorded.
        int settled = 0;
        try {
            while (settled < recipients.size()) {
                List<MailAddress> chunk = recipients.subList(settled, Math.min(settled + CHUNK, recipients.size()));
                List<Optional<Mail>> made = maker.copiesFor(chunk, settled);
                try {
                    for (Optional<Mail> copy : made) {
                        if (copy.isPresent()) {
                            handOver(copy.get());
                        }
                        settled++;
                    }
                } finally {
                    made.forEach(copy -> copy.ifPresent(LifecycleUtil::dispose));
                }
            }
        } finally {
            // Only the recipients still without a copy stay on the submission, so that its retry (or, if even that
            // cannot be queued, its bounce, or its error processor) speaks for them alone.
            mail.setRecipients(recipients.subList(settled, recipients.size()));
        }
    }

    /**
     * Marked as {@code MailetContext.sendMail} marks it (the transport's {@code SentByMailet} lets it relay), then
     * run through the processors at once.
     */
    private void handOver(Mail copy) throws HandOverException {
        copy.setAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE);
        copy.setState(processor);
        try {
            processors.service(copy);
        } catch (Exception e) {
            // James's processor rethrows checked exceptions undeclared, hence Exception.
            throw new HandOverException(e);
        }
    }

    /** What one submission's copies share, and how a chunk of them is made. */
    private final class CopyMaker {
        private final Mail mail;
        private final RecipientCopies copies;
        private final ParsedMessage message;
        private final String list;
        private final String messageId;
        private final EventContext eventContext;
        private final String returnPathDomain;
        private final Instant now;
        private final Instant acceptedAt;
        // what the provider headers asked that has no meaning here (docs/migrating.md), told on each accepted event
        private final List<String> ignored;
        private final Set<String> literalTagsInMessage;

        CopyMaker(Mail mail, RecipientCopies copies, ParsedMessage message, String account) throws MessagingException {
            this.mail = mail;
            this.copies = copies;
            this.message = message;
            this.list = copies.list();
            this.now = clock.instant();
            this.messageId = MailAttributes.messageIdOf(mail).orElse(mail.getName());
            this.eventContext = copies.eventContext(messageId, mail.getMessageSize());
            // A registered sending domain's own return path aligns the copy's SPF with its From: for DMARC (RFC 7489
            // section 3.1.2); the List-Unsubscribe mailto stays at the bounce domain.
            this.returnPathDomain = sendingDomains.returnPathFor(account, message.authorDomain());
            this.acceptedAt = MailAttributes.acceptedAtOf(mail).orElse(now);
            this.ignored = copies.ignored();
            this.literalTagsInMessage = message.literalTagCounts().keySet();
        }

        /**
         * The chunk's copies, index-aligned with it (none for a suppressed recipient), once its store work is done and
         * its events recorded: a retried mail records them again, with the same ids, counted once.
         */
        List<Optional<Mail>> copiesFor(List<MailAddress> chunk, int firstIndex) throws MessagingException {
            List<Optional<Mail>> made = new ArrayList<>(chunk.size());
            List<DeliveryEvent> stepEvents = new ArrayList<>();
            try {
                chunk.forEach(recipient -> stepEvents.add(eventContext.event(EventType.ACCEPTED, acceptedAt, recipient.asString())
                    .ignored(ignored)
                    .build()));
                // One call per store step for the chunk, not one per recipient: a store asks for the recipients
                // together, so a spool thread waits for a few rounds of requests rather than for a few per recipient.
                List<String> addresses = chunk.stream().map(MailAddress::asString).collect(Collectors.toList());
                Map<String, Suppression> suppressed = suppressions.suppressingAll(addresses, list);
                Map<String, Subscriber> known = subscribers.getAll(list, addresses.stream()
                    .filter(address -> !suppressed.containsKey(address) || !copies.suppresses(suppressed.get(address)))
                    .collect(Collectors.toList()));
                List<String> relayed = new ArrayList<>(chunk.size());
                for (MailAddress recipient : chunk) {
                    Optional<Suppression> suppression = Optional.ofNullable(suppressed.get(recipient.asString()))
                        .filter(copies::suppresses);
                    if (suppression.isPresent()) {
                        stepEvents.add(eventContext.event(EventType.SUPPRESSED, now, recipient.asString())
                            .status(suppression.get().reason().asJson())
                            .diagnostic(suppression.get().isGlobal() ? "suppressed globally" : "suppressed for list " + list)
                            .build());
                        made.add(Optional.empty());
                        continue;
                    }
                    Map<String, String> fields = Optional.ofNullable(known.get(recipient.asString()))
                        .map(Subscriber::fields)
                        .orElse(Map.of());
                    RecipientToken token = copies.tokenFor(messageId, recipient.asString(), now);
                    CopySpec spec = copies.specFor(recipient.asString(), fields, token, tokens, literalTagsInMessage);
                    MailAddress returnPath = new MailAddress(tokens.returnPath(token, returnPathDomain));
                    String name = mail.getName() + "-" + (firstIndex + made.size());
                    made.add(Optional.of(copyFor(mail, name, recipient, returnPath, personalise(message, spec, name), eventContext)));
                    relayed.add(recipient.asString());
                }
                // Synchronous, before any copy of the chunk is handed over, though batched: an asynchronous
                // registration still in flight when the node stops, or failing in a store outage after the copies
                // left, would be lost for good (a recipient whose copy left is not personalised again), leaving a
                // recipient who got the message out of its list; here an outage sends the chunk back, none of its
                // copies handed over.
                subscribers.registerSentAll(list, relayed, now);
                stepEvents.forEach(events::record);
                return made;
            } catch (MessagingException | RuntimeException e) {
                made.forEach(copy -> copy.ifPresent(LifecycleUtil::dispose));
                throw e;
            }
        }
    }

    /** James's processor failed on a copy it was handed: the copy counts as not handed over. */
    private static final class HandOverException extends Exception {
        private static final long serialVersionUID = 1L;

        HandOverException(Exception cause) {
            super(cause);
        }
    }

    private void retryLater(Mail mail, String reason) throws MessagingException {
        LOGGER.warn("{}: {} waits {} before it is personalised again", reason, mail.getName(), retry().delay());
        retry().later(getMailetContext(), mail);
    }

    private static ParsedMessage parse(Mail mail, LiteralTags literalTags) throws MessagingException {
        try (InputStream in = new MimeMessageInputStream(mail.getMessage())) {
            return ParsedMessage.parse(in, literalTags);
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
