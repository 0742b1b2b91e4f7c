package org.smtpplus.smtp;

import java.util.Enumeration;

import javax.mail.Header;
import javax.mail.MessagingException;

import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;

/**
 * At the end of DATA, refuses a looping message from a client that neither authenticated nor came from a trusted
 * network (mail to the tokens of the return-path domains, which anyone may send): the {@code RelayLimit} of the root
 * processor would send it to the {@code error} processor after the 250, where a stranger could pile up messages of
 * 50 MB each.
 * The limit is that matcher's, counted the same way, James's own Received field included. An account's looping
 * message still goes there: it is kept with an event, and its sender, who is known, gets a bounce.
 */
public class StrangerLoopHook implements JamesMessageHook {
    // RelayLimit=30 in the shipped mailetcontainer.xml: the two must agree.
    static final int MAX_RECEIVED = 30;
    private static final String RECEIVED = "Received";

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (session.getUsername() != null || session.isRelayingAllowed()) {
            return HookResult.DECLINED;
        }
        try {
            int received = 0;
            for (Enumeration<Header> headers = mail.getMessage().getAllHeaders(); headers.hasMoreElements(); ) {
                if (RECEIVED.equalsIgnoreCase(headers.nextElement().getName())) {
                    received++;
                }
            }
            if (received >= MAX_RECEIVED) {
                // RFC 3463 section 3.5: X.4.6 routing loop detected
                return SmtpReplies.permanent("554", "5.4.6", "Too many Received header fields (" + received
                    + ", the limit is " + MAX_RECEIVED + "): a mail loop");
            }
            return HookResult.DECLINED;
        } catch (MessagingException e) {
            return SmtpReplies.permanent("554", "5.6.0", "Unreadable message: " + e.getMessage());
        }
    }
}
