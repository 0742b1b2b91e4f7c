package org.smtpplus.mailets;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every SMTP+ mailet is: an {@link Error} thrown while it handles a mail (a StackOverflowError on a hostile
 * message, an OutOfMemoryError) becomes a {@link MessagingException}. James's mailet processor sends a mail whose
 * mailet threw an exception to the {@code error} processor, where it is kept with an event
 * ({@link RecordProcessingFailure}); an Error it would let through to its spooler, which logs it and drops the mail.
 */
public abstract class SmtpPlusMailet extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(SmtpPlusMailet.class);

    @Override
    public final void service(Mail mail) throws MessagingException {
        try {
            process(mail);
        } catch (Error e) {
            LOGGER.error("{} failed on {}: it goes to the error processor", getClass().getSimpleName(), mail.getName(), e);
            throw new MessagingException(getClass().getSimpleName() + " failed: " + e);
        }
    }

    /** The mailet's work on one mail, as {@link GenericMailet#service} would do it. */
    protected abstract void process(Mail mail) throws MessagingException;
}
