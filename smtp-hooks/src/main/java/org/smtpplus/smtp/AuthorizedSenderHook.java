package org.smtpplus.smtp;

import javax.inject.Inject;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.smtpplus.core.store.StoreUnavailableException;

/**
 * Refuses at MAIL FROM an envelope sender outside the account's authorizedDomains/authorizedSenders, and any MAIL FROM
 * of a session whose account was deleted since it authenticated.
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
        try {
            // RFC 5321 section 4.5.5: a null reverse path is a bounce or a notification, not an address of the account;
            // a trusted smarthost hands back its bounces so. Copies leave with their own return path whatever it is,
            // and From: is still checked at the end of DATA. Only an AUTH session's account is read then: it may be gone.
            if (sender.isNullSender()) {
                if (session.getUsername() != null) {
                    sessionAccounts.submitter(session);
                }
                return HookResult.DECLINED;
            }
            return sessionAccounts.submitter(session)
                .filter(account -> !account.isSenderAuthorized(sender.asString()))
                .map(account -> SmtpReplies.permanent("550", "5.7.1",
                    "Sender <" + sender.asString() + "> is not authorized for account " + account.name()))
                .orElse(HookResult.DECLINED);
        } catch (StoreUnavailableException e) {
            return SmtpReplies.storeUnavailable();
        } catch (SessionAccounts.AccountGoneException e) {
            // RFC 4954 section 6: 530 5.7.0 authentication required
            return SmtpReplies.permanent("530", "5.7.0", "Authentication required: account " + e.name() + " no longer exists");
        }
    }
}
