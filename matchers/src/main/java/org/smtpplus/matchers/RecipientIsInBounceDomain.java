package org.smtpplus.matchers;

import java.util.Collection;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.smtpplus.core.token.RecipientTokens;

/**
 * Matches the recipients the relay claims ({@link RecipientTokens#claims}): every address of SMTPPLUS_BOUNCE_DOMAIN,
 * and the token addresses of the return-path domains; bounces, feedback reports and unsubscribe mails, which the
 * relay handles itself and never delivers or relays anywhere. The SMTP server took only addresses with a valid token.
 * Other addresses of a return-path domain (one that is the sending domain itself has mailboxes) are not matched.
 * See docs/headers.md#tokens.
 *
 * <p>No condition: {@code RecipientIsInBounceDomain=...} fails the matcher's start.
 *
 * <pre>{@code
 * <mailet match="org.smtpplus.matchers.RecipientIsInBounceDomain" class="ToProcessor">
 *     <processor>smtpplus-inbound</processor>
 * </mailet>
 * }</pre>
 */
public class RecipientIsInBounceDomain extends GenericMatcher {
    private final RecipientTokens tokens;

    @Inject
    public RecipientIsInBounceDomain(RecipientTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void init() throws MessagingException {
        NoCondition.check(this);
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream()
            .filter(recipient -> tokens.claims(recipient.getLocalPart(), recipient.getDomain().asString()))
            .collect(Collectors.toList());
    }
}
