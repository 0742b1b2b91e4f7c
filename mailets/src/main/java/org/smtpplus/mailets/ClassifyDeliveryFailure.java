package org.smtpplus.mailets;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.bounce.ReasonClassifier;
import org.smtpplus.core.bounce.RecipientFailure;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.feedback.BounceRecorder;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.token.RecipientTokens;


/**
 * For RemoteDelivery's {@code bounceProcessor}: a copy the relay could not deliver (a permanent refusal, or the last
 * retry failed) is classified from the next hop's reply as a bounce reported to its VERP address would be (the last
 * retry failed: {@code expired}), recorded
 * with {@link BounceRecorder}, and notified; the copy then ends here, since the DSN James would build goes to the
 * copy's VERP address, the relay itself. Mail that is no SMTP+ copy passes untouched (to DSNBounce).
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code notificationTemplate}: the bounce notification template, a James file URL; when absent, or when the
 *   file does not exist, the built-in one (docs/configuration.md#the-bounce-notification-templates);</li>
 *   <li>{@code retryDelay} (default {@code 10 seconds}): how long the copy waits in this processor during a store
 *   outage before it comes back.</li>
 * </ul>
 * Any other parameter fails the mailet's start.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpplus.mailets.ClassifyDeliveryFailure">
 *     <notificationTemplate>file://conf/bounce-notification.template</notificationTemplate>
 * </mailet>
 * }</pre>
 */
public class ClassifyDeliveryFailure extends RetryingMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClassifyDeliveryFailure.class);

    private final BounceRecorder recorder;
    private final AccountRepository accounts;
    private final RecipientTokens tokens;
    private final FileSystem fileSystem;
    private final SmtpPlusSettings settings;
    private final Clock clock;
    private final ReasonClassifier classifier;
    private BounceNotifier notifier;

    @Inject
    public ClassifyDeliveryFailure(BounceRecorder recorder, AccountRepository accounts, RecipientTokens tokens,
                                   FileSystem fileSystem, SmtpPlusSettings settings, Clock clock,
                                   ReasonClassifier classifier) {
        this.recorder = recorder;
        this.accounts = accounts;
        this.tokens = tokens;
        this.fileSystem = fileSystem;
        this.settings = settings;
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
        Optional<EventContext> context = MailAttributes.eventContextOf(mail);
        if (context.isEmpty()) {
            return;
        }
        String diagnostic = AttributeUtils.getValueAndCastFromMail(mail, Bouncer.DELIVERY_ERROR, String.class)
            .or(() -> Optional.ofNullable(mail.getErrorMessage()))
            .filter(message -> !message.isBlank())
            .orElse("delivery failed without a reply from the next hop");
        // RemoteDelivery says false when it bounces because the retries of a temporary failure ran out
        boolean retriesExhausted = AttributeUtils.getValueAndCastFromMail(mail, Bouncer.IS_DELIVERY_PERMANENT_ERROR, Boolean.class)
            .map(permanent -> !permanent)
            .orElse(false);
        RecipientFailure failure = classifier.ownDeliveryFailure(diagnostic, retriesExhausted);
        Instant now = FirstHandling.at(mail, clock);
        try {
            for (MailAddress recipient : mail.getRecipients()) {
                Optional<Bounce> bounce = recorder.record(context.get(), recipient.asString(), failure.reason(), failure.status(),
                    diagnostic, now);
                if (bounce.isPresent()) {
                    notifier.notify(getMailetContext(), bounce.get());
                }
            }
        } catch (StoreUnavailableException e) {
            LOGGER.warn("The store is unavailable ({}): the failed delivery {} waits {} before it is classified again",
                e.getMessage(), mail.getName(), retry().delay());
            retry().later(getMailetContext(), mail);
        }
        mail.setState(Mail.GHOST);
    }
}
