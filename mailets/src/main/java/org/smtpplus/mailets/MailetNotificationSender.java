package org.smtpplus.mailets;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.mailet.MailetContext;
import org.smtpplus.core.notification.NotificationAttachment;
import org.smtpplus.core.notification.NotificationSender;
import org.smtpplus.core.notification.NotificationTemplate;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.token.RecipientTokens;

/**
 * Sends the relay's notifications through James's mail spool, as {@link NotificationMail} writes them.
 */
public class MailetNotificationSender implements NotificationSender {
    private final MailetContext mailetContext;
    private final RecipientTokens tokens;
    private final SmtpPlusSettings settings;

    @Inject
    public MailetNotificationSender(MailetContext mailetContext, RecipientTokens tokens, SmtpPlusSettings settings) {
        this.mailetContext = mailetContext;
        this.tokens = tokens;
        this.settings = settings;
    }

    @Override
    public void send(List<String> notifyAddresses, NotificationTemplate.Rendered notification,
                     Optional<NotificationAttachment> attachment) {
        try {
            NotificationMail.send(mailetContext, tokens, settings.sending().hostname(), notifyAddresses, notification, attachment);
        } catch (MessagingException e) {
            throw new IllegalStateException("Could not send a notification to " + notifyAddresses + ": " + e.getMessage(), e);
        }
    }
}
