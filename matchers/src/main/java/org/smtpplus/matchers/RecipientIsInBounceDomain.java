package org.smtpplus.matchers;

import java.util.Collection;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.smtpplus.core.token.RecipientTokens;

/**
 * Matches the recipients of SMTPPLUS_BOUNCE_DOMAIN and of every registered sending domain's return path: bounces,
 * feedback reports and unsubscribe mails, which the relay handles itself and never delivers or relays anywhere. The
 * SMTP server took only addresses with a valid token.
 */
public class RecipientIsInBounceDomain extends GenericMatcher {
    private final RecipientTokens tokens;

    @Inject
    public RecipientIsInBounceDomain(RecipientTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream()
            .filter(recipient -> tokens.addresses().isReturnPathDomain(recipient.getDomain().asString()))
            .collect(Collectors.toList());
    }
}
