package org.smtpplus.mailets;

import java.util.List;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.feedback.BounceNotificationValues;
import org.smtpplus.core.notification.NotificationTemplate;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.token.RecipientTokens;

/**
 * Mails each bounce to the {@code notify} addresses of the account that sent the copy
 * (docs/configuration.md#the-bounce-notification-templates), unless the relay sends bounce digests instead
 * ({@code smtpplus.bounce.notifications=digest}).
 */
final class BounceNotifier {
    private static final Logger LOGGER = LoggerFactory.getLogger(BounceNotifier.class);
    static final String TEMPLATE_PARAMETER = "notificationTemplate";
    /** The parameters {@link #configured} reads: part of the accepted set of every mailet that uses it. */
    static final Set<String> PARAMETERS = Set.of(TEMPLATE_PARAMETER);

    /**
     * With the template named by the mailet's {@code <notificationTemplate>} (a James file URL), else the built-in one.
     */
    static BounceNotifier configured(GenericMailet mailet, SmtpPlusSettings settings, AccountRepository accounts,
                                     RecipientTokens tokens, FileSystem fileSystem) throws MessagingException {
        return new BounceNotifier(settings.bounceNotifications() == SmtpPlusSettings.BounceNotifications.EACH, accounts,
            tokens, settings.sending().hostname(), NotificationTemplates.load(fileSystem, mailet.getInitParameter(TEMPLATE_PARAMETER),
                BounceNotificationValues.TEMPLATE));
    }

    private final boolean enabled;
    private final AccountRepository accounts;
    private final RecipientTokens tokens;
    private final String hostname;
    private final NotificationTemplate template;

    private BounceNotifier(boolean enabled, AccountRepository accounts, RecipientTokens tokens, String hostname,
                           NotificationTemplate template) {
        this.enabled = enabled;
        this.accounts = accounts;
        this.tokens = tokens;
        this.hostname = hostname;
        this.template = template;
    }

    void notify(MailetContext context, Bounce bounce) throws MessagingException {
        if (!enabled) {
            return;
        }
        List<String> notify = accounts.get(bounce.account()).map(Account::notifyAddresses).orElse(List.of());
        List<MailAddress> notified = NotificationMail.send(context, tokens, hostname, notify,
            template.render(BounceNotificationValues.of(bounce)));
        if (!notified.isEmpty()) {
            LOGGER.info("Notified {} of the {} bounce of {} (account {})", notified, bounce.type().asJson(), bounce.recipient(), bounce.account());
        }
    }
}
