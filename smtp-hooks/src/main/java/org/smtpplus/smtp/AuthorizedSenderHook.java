package org.smtpplus.smtp;

import javax.inject.Inject;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.smtpplus.core.store.StoreUnavailableException;

/**
 * Refuses at MAIL FROM an envelope sender outside the account's authorizedDomains/authorizedSenders.
 */
public class AuthorizedSenderHook implements MailHook {
    private final SessionAccounts sessionAccounts;

    @Inject
    public AuthorizedSenderHook(SessionAccounts sessionAccounts) {
        this.sessionAccounts = sessionAccounts;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        sessionAccounts.forget(session);
        // RFC 5321 section 4.5.5: a null reverse path is a bounce or a notification, not an address of the account; a
        // trusted smarthost hands back its bounces so. Copies leave with their own return path whatever it is, and
        // From: is still checked at the end of DATA.
        if (sender.isNullSender()) {
            return HookResult.DECLINED;
        }
        try {
            return sessionAccounts.submitter(session)
                .filter(account -> !account.isSenderAuthorized(sender.asString()))
                .map(account -> SmtpReplies.permanent("550", "5.7.1",
                    "Sender <" + sender.asString() + "> is not authorized for account " + account.name()))
                .orElse(HookResult.DECLINED);
        } catch (StoreUnavailableException e) {
            return SmtpReplies.storeUnavailable();
        }
    }
}
