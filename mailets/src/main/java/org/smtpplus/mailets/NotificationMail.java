package org.smtpplus.mailets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import javax.activation.DataHandler;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.MailetContext;
import org.smtpplus.core.mime.MessageIds;
import org.smtpplus.core.notification.NotificationAttachment;
import org.smtpplus.core.notification.NotificationTemplate;
import org.smtpplus.core.token.RecipientTokens;

/**
 * Sends a notification of the relay (a bounce, a bounce digest, a usage or monthly report) to an account's {@code notify} addresses.
 *
 * <p>A notification can never start a loop: its envelope sender is {@code mailer-daemon@BOUNCE_DOMAIN}, an address
 * the relay refuses at RCPT (so whatever bounces or answers it ends there, and a bounce the relay builds itself is
 * ignored by {@link HandleBounceDomainMail}); it is marked {@code Auto-Submitted: auto-generated} (RFC 3834 section 5,
 * so nothing auto-replies); it carries no SMTP+ marker (so it is no copy and reports nothing); and it never goes to
 * an address the relay claims ({@link RecipientTokens#claims}). The sender is not null, as RFC 5321 section 4.5.5
 * would allow, because some receivers (GreenMail among them) take a null reverse path for a missing one.
 */
public final class NotificationMail {
    private static final String MAILER_DAEMON = "mailer-daemon";

    /**
     * @param hostname SMTPPLUS_HOSTNAME, which the notification's Message-ID names
     * @return the recipients it went to: the given ones the relay does not claim (none: nothing is sent)
     */
    public static List<MailAddress> send(MailetContext context, RecipientTokens tokens, String hostname, List<String> notifyAddresses,
                                         NotificationTemplate.Rendered notification) throws MessagingException {
        return send(context, tokens, hostname, notifyAddresses, notification, Optional.empty());
    }

    /**
     * A notification with the attachment, when there is one, after its text: a {@code multipart/mixed} mail (RFC 2046
     * section 5.1.3) whose second part is the attachment ({@code Content-Disposition: attachment}, RFC 2183).
     *
     * @see #send(MailetContext, RecipientTokens, String, List, NotificationTemplate.Rendered)
     */
    public static List<MailAddress> send(MailetContext context, RecipientTokens tokens, String hostname, List<String> notifyAddresses,
                                         NotificationTemplate.Rendered notification, Optional<NotificationAttachment> attachment)
            throws MessagingException {
        List<MailAddress> recipients = new ArrayList<>();
        for (String address : notifyAddresses) {
            MailAddress recipient = new MailAddress(address);
            if (!tokens.claims(recipient.getLocalPart(), recipient.getDomain().asString())) {
                recipients.add(recipient);
            }
        }
        if (recipients.isEmpty()) {
            return recipients;
        }
        String messageId = MessageIds.generate(hostname);
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            // javax.mail's own would name the host as the JVM resolves it, often localhost.
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress("SMTP+ relay <" + MAILER_DAEMON + "@" + tokens.addresses().bounceDomain() + ">"));
        for (MailAddress recipient : recipients) {
            message.addRecipient(Message.RecipientType.TO, recipient.toInternetAddress().orElseThrow());
        }
        message.setSubject(notification.subject(), "UTF-8");
        if (attachment.isPresent()) {
            message.setContent(mixed(notification.body(), attachment.get()));
        } else {
            message.setText(notification.body(), "UTF-8");
        }
        message.setHeader("Auto-Submitted", "auto-generated");
        message.saveChanges();
        MailImpl mail = MailImpl.builder()
            .name("smtpplus-notification-" + UUID.randomUUID())
            .sender(new MailAddress(MAILER_DAEMON, tokens.addresses().bounceDomain()))
            .addRecipients(recipients)
            .mimeMessage(message)
            .build();
        try {
            context.sendMail(mail);
        } finally {
            mail.dispose();
        }
        return recipients;
    }

    private static MimeMultipart mixed(String text, NotificationAttachment attachment) throws MessagingException {
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8");
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
        file.setDisposition(Part.ATTACHMENT);
        file.setFileName(attachment.filename());
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(textPart);
        mixed.addBodyPart(file);
        return mixed;
    }

    private NotificationMail() {
    }
}
