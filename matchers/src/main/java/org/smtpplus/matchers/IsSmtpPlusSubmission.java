package org.smtpplus.matchers;

import java.util.Collection;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.smtpplus.attributes.MailAttributes;

/**
 * Matches the mails that SMTP+ accepted from one of its accounts: the SMTP hooks marked them at the end of DATA.
 *
 * <p>No condition: {@code IsSmtpPlusSubmission=...} fails the matcher's start.
 *
 * <pre>{@code
 * <mailet match="org.smtpplus.matchers.IsSmtpPlusSubmission" class="ToProcessor">
 *     <processor>smtpplus</processor>
 * </mailet>
 * }</pre>
 */
public class IsSmtpPlusSubmission extends GenericMatcher {
    @Override
    public void init() throws MessagingException {
        NoCondition.check(this);
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        if (MailAttributes.isSubmission(mail)) {
            return mail.getRecipients();
        }
        return List.of();
    }
}
