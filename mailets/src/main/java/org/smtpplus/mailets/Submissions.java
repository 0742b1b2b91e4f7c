package org.smtpplus.mailets;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.directive.Directive;
import org.smtpplus.core.directive.DirectiveParser;
import org.smtpplus.core.directive.InvalidDirectiveException;
import org.smtpplus.core.directive.ProviderExtras;

/** What a submission carries from the SMTP hooks: its account, its directive and its provider extras, as validated at the end of DATA. */
final class Submissions {
    private Submissions() {
    }

    /**
     * The submitting account; one deleted since it submitted still gets its accepted mail delivered, with defaults.
     * As read at most a few seconds ago ({@link AccountRepository#recent}): the spool asks for it with every message.
     */
    static Account account(Mail mail, AccountRepository accounts) throws MessagingException {
        String name = MailAttributes.requireAccount(mail);
        return accounts.recent(name).orElseGet(() -> Account.withDefaults(name));
    }

    static ProviderExtras extras(Mail mail) {
        return MailAttributes.providerExtrasOf(mail).map(ProviderExtras::fromJson).orElse(ProviderExtras.NONE);
    }

    static Directive directive(Mail mail, DirectiveParser parser) throws MessagingException {
        String json = MailAttributes.directiveOf(mail).orElse("{}");
        try {
            return parser.parseJson(json);
        } catch (InvalidDirectiveException e) {
            throw new MessagingException(mail.getName() + " carries a directive the SMTP hook should have refused: " + e.getMessage(), e);
        }
    }
}
