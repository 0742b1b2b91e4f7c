package org.smtpplus.mailets;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.directive.Directive;
import org.smtpplus.core.directive.ProviderExtras;
import org.smtpplus.core.directive.DirectiveParser;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.event.EventSink;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.directive.RecipientCopies;
import org.smtpplus.core.store.StoreUnavailableException;

/**
 * For the {@code error} processor: an SMTP+ submission or copy that could not be processed (a mailet failed on it,
 * or it looped) gets one {@code bounced} event per recipient, status {@code 5.3.0} and the error as diagnostic, so
 * that its sender learns what became of it from the events; the mail goes on, to be kept in the error repository.
 * Other mail passes untouched. It needs no store: during an outage the account's defaults name the events
 * (docs/api.md#events-and-reports).
 *
 * <p>No parameters: any parameter fails the mailet's start.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpplus.mailets.RecordProcessingFailure"/>
 * }</pre>
 */
public class RecordProcessingFailure extends SmtpPlusMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RecordProcessingFailure.class);
    // RFC 3463 section 3.4: X.3.0 other or undefined mail system status
    static final String STATUS = "5.3.0";
    // An error message may quote what a client sent: the diagnostic keeps a sentence's worth.
    private static final int MAX_ERROR_LENGTH = 300;

    private final AccountRepository accounts;
    private final DirectiveParser directiveParser;
    private final EventSink events;
    private final Clock clock;

    @Inject
    public RecordProcessingFailure(AccountRepository accounts, DirectiveParser directiveParser, EventSink events, Clock clock) {
        this.accounts = accounts;
        this.directiveParser = directiveParser;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of());
    }

    @Override
    protected void process(Mail mail) throws MessagingException {
        Optional<EventContext> context = MailAttributes.eventContextOf(mail)
            .or(() -> submissionContext(mail));
        if (context.isEmpty()) {
            return;
        }
        String diagnostic = "Not sent: the relay could not process this message (" + error(mail) + "); it is kept for the operator";
        Instant now = clock.instant();
        for (MailAddress recipient : mail.getRecipients()) {
            events.record(context.get().event(EventType.BOUNCED, now, recipient.asString())
                .status(STATUS)
                .reason(BounceReason.SYSTEM_ERROR.asJson())
                .diagnostic(diagnostic)
                .build());
        }
        LOGGER.warn("{} of account {} failed processing for {} recipients: {}", mail.getName(), context.get().account(),
            mail.getRecipients().size(), error(mail));
    }

    // A submission that failed before its copies were made: named as its copies would have been.
    private Optional<EventContext> submissionContext(Mail mail) {
        return MailAttributes.accountOf(mail).map(name -> {
            String messageId = MailAttributes.messageIdOf(mail).orElse(mail.getName());
            return new RecipientCopies(account(name), directive(mail), extras(mail))
                .eventContext(messageId, size(mail));
        });
    }

    private Account account(String name) {
        try {
            return accounts.get(name).orElseGet(() -> Account.withDefaults(name));
        } catch (StoreUnavailableException e) {
            return Account.withDefaults(name);
        }
    }

    private Directive directive(Mail mail) {
        try {
            return Submissions.directive(mail, directiveParser);
        } catch (MessagingException | RuntimeException e) {
            return Directive.EMPTY;
        }
    }

    // what reaches this mailet may be broken in any way: its failure is still recorded
    private static ProviderExtras extras(Mail mail) {
        try {
            return Submissions.extras(mail);
        } catch (RuntimeException e) {
            return ProviderExtras.NONE;
        }
    }

    private static long size(Mail mail) {
        try {
            return mail.getMessageSize();
        } catch (MessagingException e) {
            return 0;
        }
    }

    private static String error(Mail mail) {
        String error = Optional.ofNullable(mail.getErrorMessage()).filter(message -> !message.isBlank()).orElse("no error recorded");
        // Printable ASCII: the text may quote a client, and goes to the log and to the sender's events.
        return JsonDescriptions.PRINTABLE_ASCII.escape(error, MAX_ERROR_LENGTH);
    }
}
