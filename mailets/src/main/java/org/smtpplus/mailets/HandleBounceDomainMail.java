package org.smtpplus.mailets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.bounce.report.BounceParser;
import org.smtpplus.core.bounce.report.Complaint;
import org.smtpplus.core.bounce.report.InboundReport;
import org.smtpplus.core.bounce.report.NonDeliveryReport;
import org.smtpplus.core.bounce.ReasonClassifier;
import org.smtpplus.core.bounce.RecipientFailure;
import org.smtpplus.core.bounce.report.Unrecognised;
import org.smtpplus.core.feedback.BounceRecorder;
import org.smtpplus.core.feedback.ComplaintRecorder;
import org.smtpplus.core.feedback.TokenEventContexts;
import org.smtpplus.core.feedback.Unsubscriber;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.token.RecipientToken;
import org.smtpplus.core.token.RecipientTokens;


/**
 * Handles mail to the addresses the relay claims ({@link RecipientTokens#claims}, docs/headers.md),
 * one recipient address at a time:
 * <ul>
 *   <li>{@code unsubscribe+TOKEN}: unsubscribes the copy's recipient from its list, as the one-click POST does;</li>
 *   <li>{@code bounces+TOKEN}: a bounce is classified and recorded for the recipient the token names (the report's
 *   own recipient may be an alias or a forward), then notified; a feedback report (RFC 5965) records a complaint;
 *   an auto-reply, a delay warning or a success report changes nothing.</li>
 * </ul>
 * The mail ends here: nothing to these domains is delivered or relayed. What cannot be used (an expired token, an
 * account that no longer exists, a message that is no report) is logged and counted ({@code smtpplus_inbound_*}
 * metrics), never an error.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code notificationTemplate}: the bounce notification template, a James file URL; when absent, or when the
 *   file does not exist, the built-in one (docs/configuration.md#the-bounce-notification-templates);</li>
 *   <li>{@code retryDelay} (default {@code 10 seconds}): how long the mail waits in this processor during a store
 *   outage before it comes back.</li>
 * </ul>
 * Any other parameter fails the mailet's start.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpplus.mailets.HandleBounceDomainMail">
 *     <notificationTemplate>file://conf/bounce-notification.template</notificationTemplate>
 * </mailet>
 * }</pre>
 */
public class HandleBounceDomainMail extends RetryingMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(HandleBounceDomainMail.class);
    // A bounce quotes the message it returns: the report is at its start, and a bounce of a huge message need not
    // cost its size.
    private static final int MAX_READ_BYTES = 4 * 1024 * 1024;

    private final RecipientTokens tokens;
    private final Unsubscriber unsubscriber;
    private final BounceRecorder bounces;
    private final ComplaintRecorder complaints;
    private final TokenEventContexts contexts;
    private final AccountRepository accounts;
    private final FileSystem fileSystem;
    private final SmtpPlusSettings settings;
    private final MetricFactory metrics;
    private final Clock clock;
    private final ReasonClassifier classifier;
    private BounceNotifier notifier;

    @Inject
    public HandleBounceDomainMail(RecipientTokens tokens, Unsubscriber unsubscriber, BounceRecorder bounces,
                                  ComplaintRecorder complaints, TokenEventContexts contexts, AccountRepository accounts,
                                  FileSystem fileSystem, SmtpPlusSettings settings, MetricFactory metrics, Clock clock,
                                  ReasonClassifier classifier) {
        this.tokens = tokens;
        this.unsubscriber = unsubscriber;
        this.bounces = bounces;
        this.complaints = complaints;
        this.contexts = contexts;
        this.accounts = accounts;
        this.fileSystem = fileSystem;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.classifier = classifier;
    }

    @Override
    Set<String> ownParameters() {
        return BounceNotifier.PARAMETERS;
    }

    @Override
    void configure() throws MessagingException {
        notifier = BounceNotifier.configured(this, settings, accounts, tokens, fileSystem);
    }

    @Override
    protected void process(Mail mail) throws MessagingException {
        Instant now = FirstHandling.at(mail, clock);
        try {
            Optional<InboundReport> report = Optional.empty();
            for (MailAddress recipient : mail.getRecipients()) {
                Optional<RecipientTokens.Addressed> addressed = tokens.forAddress(recipient.getLocalPart(), recipient.getDomain().asString(), now);
                if (addressed.isEmpty()) {
                    ignored(mail, "token", "its token is invalid or expired");
                    continue;
                }
                RecipientToken token = addressed.get().token();
                switch (addressed.get().kind()) {
                    case UNSUBSCRIBE:
                        Unsubscriber.Outcome outcome = unsubscriber.unsubscribe(token);
                        LOGGER.info("{}: {} from list {} by mail ({})", mail.getName(), token.recipient(), token.list(), outcome);
                        break;
                    case BOUNCES:
                    default:
                        // Unsubscribing works whatever became of the account; a bounce suppresses only for a live one.
                        if (accounts.get(token.account()).isEmpty()) {
                            ignored(mail, "account", "its token names account " + token.account() + ", which does not exist");
                            continue;
                        }
                        if (report.isEmpty()) {
                            report = Optional.of(BounceParser.parse(new ByteArrayInputStream(readReport(mail)), classifier));
                        }
                        handleReport(mail, token, report.get(), now);
                        break;
                }
            }
            mail.setState(Mail.GHOST);
        } catch (StoreUnavailableException e) {
            LOGGER.warn("The store is unavailable ({}): {} waits {} before it is handled again", e.getMessage(), mail.getName(), retry().delay());
            retry().later(getMailetContext(), mail);
            mail.setState(Mail.GHOST);
        }
    }

    private void handleReport(Mail mail, RecipientToken token, InboundReport report, Instant now) throws MessagingException {
        switch (report.kind()) {
            case BOUNCE:
                RecipientFailure failure = failureOf(token, ((NonDeliveryReport) report).failures());
                Optional<Bounce> bounce = bounces.record(contexts.of(token), token.recipient(), failure.reason(),
                    failure.status(), failure.diagnostic(), now);
                if (bounce.isPresent()) {
                    LOGGER.info("{}: {} bounce ({}) of {} ({} {})", mail.getName(), failure.type().asJson(),
                        failure.reason().asJson(), token.recipient(), failure.status().orElse("no status"),
                        failure.diagnostic());
                    notifier.notify(getMailetContext(), bounce.get());
                } else {
                    ignored(mail, "repeated", "the copy to " + token.recipient() + " had bounced already");
                }
                break;
            case COMPLAINT:
                String feedbackType = ((Complaint) report).feedbackType();
                boolean recorded = complaints.record(token, feedbackType, now);
                LOGGER.info("{}: complaint ({}) about the copy to {}{}", mail.getName(), feedbackType, token.recipient(),
                    recorded ? "" : ", suppressed for a complaint already");
                break;
            case UNRECOGNISED:
                ignored(mail, "unrecognised", "no report: " + ((Unrecognised) report).reason());
                break;
            default:
                ignored(mail, report.kind().name().toLowerCase(Locale.ROOT), "no bounce: " + report.kind());
                break;
        }
    }

    // The token names the recipient: the report's failure about it, else (an alias, a forward) its only or first one.
    private static RecipientFailure failureOf(RecipientToken token, List<RecipientFailure> failures) {
        return failures.stream()
            .filter(failure -> failure.finalRecipient().map(token.recipient()::equalsIgnoreCase).orElse(false))
            .findFirst()
            .orElse(failures.get(0));
    }

    private void ignored(Mail mail, String reason, String explanation) {
        metrics.generate("smtpplus_inbound_ignored_" + reason).increment();
        LOGGER.info("{} from {} changes nothing: {}", mail.getName(), mail.getMaybeSender().asString(), explanation);
    }

    private static byte[] readReport(Mail mail) throws MessagingException {
        try (InputStream in = new MimeMessageInputStream(mail.getMessage())) {
            return in.readNBytes(MAX_READ_BYTES);
        } catch (IOException e) {
            throw new MessagingException("Could not read " + mail.getName(), e);
        }
    }
}
