package org.smtpplus.guice;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.utils.UserDefinedStartable;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.bounce.BounceRepository;
import org.smtpplus.core.feedback.BounceDigests;
import org.smtpplus.core.notification.NotificationTemplate;
import org.smtpplus.core.notification.SentNotificationRepository;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.mailets.NotificationMail;
import org.smtpplus.mailets.NotificationTemplates;

/**
 * With {@code smtpplus.bounce.notifications=digest}: sends each account's bounce digest once its period is over
 * (see {@link BounceDigests}), from {@code conf/bounce-digest.template} when the operator wrote one. Every node runs
 * it; the store decides which node sends each digest. James starts it ({@code guice.extension.startable}).
 */
public class BounceDigestSender implements UserDefinedStartable {
    private static final Logger LOGGER = LoggerFactory.getLogger(BounceDigestSender.class);
    private static final String TEMPLATE_LOCATION = "file://conf/" + BounceDigests.TEMPLATE;

    private final SmtpPlusSettings settings;
    private final AccountRepository accounts;
    private final BounceRepository bounces;
    private final SentNotificationRepository sent;
    private final RecipientTokens tokens;
    private final MailetContext mailetContext;
    private final FileSystem fileSystem;
    private final Clock clock;

    @Inject
    public BounceDigestSender(SmtpPlusSettings settings, AccountRepository accounts, BounceRepository bounces,
                              SentNotificationRepository sent, RecipientTokens tokens, MailetContext mailetContext,
                              FileSystem fileSystem, Clock clock) {
        this.settings = settings;
        this.accounts = accounts;
        this.bounces = bounces;
        this.sent = sent;
        this.tokens = tokens;
        this.mailetContext = mailetContext;
        this.fileSystem = fileSystem;
        this.clock = clock;
    }

    @Override
    public void start() {
        if (settings.bounceNotifications() != SmtpPlusSettings.BounceNotifications.DIGEST) {
            return;
        }
        NotificationTemplate template;
        try {
            template = NotificationTemplates.load(fileSystem, TEMPLATE_LOCATION, BounceDigests.TEMPLATE);
        } catch (MessagingException e) {
            throw new IllegalStateException("The bounce digest template " + e.getMessage(), e);
        }
        BounceDigests digests = new BounceDigests(accounts, bounces, sent, settings.bounceDigestPeriod(), clock);
        Duration interval = digests.checkInterval();
        PeriodicTasks.everyUntilExit("smtpplus-bounce-digests", Duration.ZERO, interval, () -> sendDue(digests, template));
        LOGGER.info("SMTP+ bounce digests every {}, looked for every {}", settings.bounceDigestPeriod(), interval);
    }

    // Never throws: an exception would end the scheduled task for good. Each digest is claimed and sent on its own,
    // so that one that cannot be sent costs no other.
    private void sendDue(BounceDigests digests, NotificationTemplate template) {
        List<BounceDigests.Digest> due;
        try {
            due = digests.due();
        } catch (StoreUnavailableException e) {
            LOGGER.warn("Bounce digests wait for the store: {}", e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOGGER.error("Could not look for due bounce digests", e);
            return;
        }
        for (BounceDigests.Digest digest : due) {
            try {
                if (digests.claim(digest)) {
                    List<MailAddress> notified = NotificationMail.send(mailetContext, tokens, settings.sending().hostname(), digest.notifyAddresses(),
                        template.render(digest.values()));
                    LOGGER.info("Sent the bounce digest of account {} from {} ({} bounces) to {}", digest.account(),
                        digest.values().get("from"), digest.values().get("count"), notified);
                }
            } catch (StoreUnavailableException e) {
                LOGGER.warn("The bounce digest of account {} from {} waits for the store: {}", digest.account(),
                    digest.values().get("from"), e.getMessage());
            } catch (MessagingException | RuntimeException e) {
                LOGGER.error("Could not send the bounce digest of account {} from {}", digest.account(), digest.values().get("from"), e);
            }
        }
    }
}
