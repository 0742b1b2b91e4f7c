package org.smtpplus.mailets;

import java.util.ArrayList;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.MailetContext;
import org.smtpplus.core.schedule.ParkedMail;

/** A mail parked in the store, handed back to James as it was accepted. */
public final class ParkedMails {
    /** Hands the mail, marked {@link ScheduleForLater#RELEASED}, to James's spool for {@code processor}. */
    public static void sendReleased(MailetContext context, ParkedMail parked, String processor) throws MessagingException {
        MailImpl mail = released(parked);
        try {
            context.sendMail(mail, processor);
        } finally {
            mail.dispose();
        }
    }

    private static MailImpl released(ParkedMail parked) throws MessagingException {
        MailImpl mail = envelope(parked);
        mail.setAttribute(new Attribute(ScheduleForLater.RELEASED, AttributeValue.of(true)));
        parked.attributes().forEach((name, value) -> mail.setAttribute(new Attribute(AttributeName.of(name), AttributeValue.of(value))));
        return mail;
    }

    /** A new mail with the parked one's name, envelope and content, and no attribute; the caller disposes of it. */
    static MailImpl envelope(ParkedMail parked) throws MessagingException {
        List<MailAddress> recipients = new ArrayList<>();
        for (String recipient : parked.recipients()) {
            recipients.add(new MailAddress(recipient));
        }
        MailImpl mail = MailImpl.builder()
            .name(parked.name())
            .sender(parked.sender().isPresent() ? MaybeSender.of(new MailAddress(parked.sender().get())) : MaybeSender.nullSender())
            .addRecipients(recipients)
            .build();
        mail.setMessageContent(MimeMessageInputStreamSource.create(parked.name(), parked.openContent()));
        return mail;
    }

    private ParkedMails() {
    }
}
