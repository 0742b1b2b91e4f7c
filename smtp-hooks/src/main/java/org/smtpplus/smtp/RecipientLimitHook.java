package org.smtpplus.smtp;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.smtpplus.core.store.StoreUnavailableException;

/**
 * Refuses the RCPTs beyond the account's maxRecipients, temporarily, so that the client sends them in another
 * transaction (RFC 5321 section 4.5.3.1.10: 452 for too many recipients).
 */
public class RecipientLimitHook implements RcptHook {
    private final SessionAccounts sessionAccounts;
    private final SubmissionEvents events;

    @Inject
    public RecipientLimitHook(SessionAccounts sessionAccounts, SubmissionEvents events) {
        this.sessionAccounts = sessionAccounts;
        this.events = events;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        int accepted = session.getAttachment(SMTPSession.RCPT_LIST, ProtocolSession.State.Transaction)
            .map(List::size)
            .orElse(0);
        try {
            return sessionAccounts.submitter(session)
                .filter(account -> accepted >= account.maxRecipients())
                .map(account -> {
                    HookResult refusal = SmtpReplies.temporary("452", "4.5.3",
                        "Too many recipients: account " + account.name() + " allows " + account.maxRecipients() + " per message");
                    // No message exists yet: the SMTP session names the transaction.
                    events.rejected(account, session.getSessionID(), 0, List.of(rcpt), refusal);
                    return refusal;
                })
                .orElse(HookResult.DECLINED);
        } catch (StoreUnavailableException e) {
            return SmtpReplies.storeUnavailable();
        }
    }
}
