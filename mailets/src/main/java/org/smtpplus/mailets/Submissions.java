package org.smtpplus.mailets;

import javax.mail.MessagingException;

import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.directive.Directive;
import org.smtpplus.core.directive.DirectiveParser;
import org.smtpplus.core.directive.InvalidDirectiveException;
import org.smtpplus.core.submission.SubmissionAttributes;

/** What a submission carries from the SMTP hooks: its account and its directive, as validated at the end of DATA. */
final class Submissions {
    private static final AttributeName ACCOUNT = AttributeName.of(SubmissionAttributes.ACCOUNT);
    private static final AttributeName DIRECTIVE = AttributeName.of(SubmissionAttributes.DIRECTIVE);

    private Submissions() {
    }

    /** The submitting account; one deleted since it submitted still gets its accepted mail delivered, with defaults. */
    static Account account(Mail mail, AccountRepository accounts) throws MessagingException {
        String name = AttributeUtils.getValueAndCastFromMail(mail, ACCOUNT, String.class)
            .orElseThrow(() -> new MessagingException(mail.getName() + " has no " + ACCOUNT.asString() + " attribute"));
        return accounts.get(name).orElseGet(() -> Account.withDefaults(name));
    }

    static Directive directive(Mail mail, DirectiveParser parser) throws MessagingException {
        String json = AttributeUtils.getValueAndCastFromMail(mail, DIRECTIVE, String.class).orElse("{}");
        try {
            return parser.parseJson(json);
        } catch (InvalidDirectiveException e) {
            throw new MessagingException(mail.getName() + " carries a directive the SMTP hook should have refused: " + e.getMessage(), e);
        }
    }
}
