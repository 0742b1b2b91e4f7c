package org.smtpplus.mailets;

import java.util.List;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.mailet.MailetContext;
import org.smtpplus.core.notification.NotificationSender;
import org.smtpplus.core.notification.NotificationTemplate;
import org.smtpplus.core.token.RecipientTokens;

/**
 * Sends the relay's notifications through James's mail spool, as {@link NotificationMail} writes them.
 */
public class MailetNotificationSender implements NotificationSender {
    private final MailetContext mailetContext;
    private final RecipientTokens tokens;

    @Inject
    public MailetNotificationSender(MailetContext mailetContext, RecipientTokens tokens) {
        this.mailetContext = mailetContext;
        this.tokens = tokens;
    }

    @Override
    public void send(List<String> notifyAddresses, NotificationTemplate.Rendered notification) {
        try {
            NotificationMail.send(mailetContext, tokens.addresses(), notifyAddresses, notification);
        } catch (MessagingException e) {
            throw new IllegalStateException("Could not send a notification to " + notifyAddresses + ": " + e.getMessage(), e);
        }
    }
}
