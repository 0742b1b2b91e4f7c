package org.smtpplus.smtp;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.Overage;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.submission.SubmissionAttributes;
import org.smtpplus.core.usage.Admission;
import org.smtpplus.core.usage.PlanLimit;
import org.smtpplus.core.usage.PlanUsage;
import org.smtpplus.core.usage.UncountedUsage;
import org.smtpplus.core.usage.UsageMeter;
import org.smtpplus.core.usage.UsageReports;

/**
 * The account's monthly plan (contract section 2): counts every accepted submission, one per recipient copy and its
 * size times the copies, and with {@code overage: block} refuses what would go beyond the plan. A used-up plan is
 * refused at MAIL FROM (at the first RCPT for a trusted network, whose session may carry bounces for the bounce domain
 * too), a recipient that would not fit at RCPT, and the message itself at the end of DATA, where its size is known and
 * the copies are counted. A message is never accepted in part: once a recipient was refused for the plan, its DATA is
 * refused as a whole. Usage reports go out as thresholds are reached.
 *
 * <p>Without the store the relay cannot enforce a plan, so an account that has one is answered 451 (try again). An
 * account without a plan has nothing to enforce: its message is accepted and counted by the mailets once the store is
 * back ({@link SubmissionAttributes#UNCOUNTED_USAGE}).
 */
public class PlanLimitHook implements MailHook, RcptHook, JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(PlanLimitHook.class);
    private static final AttachmentKey<PlanUsage> USAGE = AttachmentKey.of("smtpplus.planUsage", PlanUsage.class);
    private static final AttachmentKey<Boolean> RECIPIENT_REFUSED = AttachmentKey.of("smtpplus.planRefusedRecipient", Boolean.class);
    private static final AttributeName ACCOUNT = AttributeName.of(SubmissionAttributes.ACCOUNT);
    private static final AttributeName MESSAGE_ID = AttributeName.of(SubmissionAttributes.MESSAGE_ID);
    private static final AttributeName UNCOUNTED_USAGE = AttributeName.of(SubmissionAttributes.UNCOUNTED_USAGE);

    private final SessionAccounts sessionAccounts;
    private final UsageMeter meter;
    private final UsageReports reports;
    private final SubmissionEvents events;

    @Inject
    public PlanLimitHook(SessionAccounts sessionAccounts, UsageMeter meter, UsageReports reports, SubmissionEvents events) {
        this.sessionAccounts = sessionAccounts;
        this.meter = meter;
        this.reports = reports;
        this.events = events;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (sender.isNullSender() || session.getUsername() == null) {
            return HookResult.DECLINED;
        }
        try {
            return enforcedAccount(session)
                .flatMap(account -> usedUp(account, usage(session, account)))
                .orElse(HookResult.DECLINED);
        } catch (StoreUnavailableException e) {
            return SmtpReplies.storeUnavailable();
        }
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        try {
            Optional<Account> enforced = enforcedAccount(session);
            if (enforced.isEmpty()) {
                return HookResult.DECLINED;
            }
            Account account = enforced.get();
            PlanUsage usage = usage(session, account);
            Optional<HookResult> refusal = usedUp(account, usage).or(() -> {
                int recipients = session.getAttachment(SMTPSession.RCPT_LIST, State.Transaction).map(List::size).orElse(0) + 1;
                return usage.exceededBy(recipients, 0).map(limit -> {
                    session.setAttachment(RECIPIENT_REFUSED, true, State.Transaction);
                    reports.refused(account, usage);
                    return refused("Recipient " + recipients + " would go beyond", account, usage);
                });
            });
            refusal.ifPresent(refused -> events.rejected(account, session.getSessionID(), 0, List.of(rcpt), refused));
            return refusal.orElse(HookResult.DECLINED);
        } catch (StoreUnavailableException e) {
            return SmtpReplies.storeUnavailable();
        }
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        // Only the submissions SubmissionHook accepted count: not inbound mail, nor bounces for the bounce domain.
        if (mail.getAttribute(ACCOUNT).isEmpty()) {
            return HookResult.DECLINED;
        }
        Account account;
        long copies = mail.getRecipients().size();
        long bytes;
        try {
            account = sessionAccounts.submitter(session).orElseThrow();
            bytes = Math.multiplyExact(mail.getMessageSize(), copies);
        } catch (StoreUnavailableException e) {
            return SmtpReplies.storeUnavailable();
        } catch (javax.mail.MessagingException e) {
            LOGGER.warn("Could not read the size of {} for account {}", mail.getName(), session.getUsername(), e);
            return SmtpReplies.permanent("554", "5.6.0", "Unreadable message: " + e.getMessage());
        }
        if (session.getAttachment(RECIPIENT_REFUSED, State.Transaction).isPresent()) {
            PlanUsage usage = usage(session, account);
            return rejected(account, mail, refused("The message is not accepted in part: its recipients would go beyond",
                account, usage));
        }
        if (PlanUsage.limitsOf(account.plan()).isEmpty()) {
            countWithoutPlan(account, mail, copies, bytes);
            return HookResult.DECLINED;
        }
        Admission admission;
        try {
            admission = meter.admit(account, copies, bytes);
        } catch (StoreUnavailableException e) {
            return SmtpReplies.storeUnavailable();
        }
        switch (admission.decision()) {
            case COUNTED:
                reports.counted(account, admission.usage());
                return HookResult.DECLINED;
            case REFUSED:
                reports.refused(account, admission.usage());
                return rejected(account, mail, refused("A message of " + copies + (copies == 1 ? " copy" : " copies")
                    + " (" + PlanUsage.megabytes(bytes) + ") would go beyond", account, admission.usage()));
            case CONTENDED:
            default:
                return SmtpReplies.temporary("451", "4.3.0", "The monthly plan of account " + account.name()
                    + " is nearly used up and other messages are being counted against it; try again shortly");
        }
    }

    // An account whose plan the relay enforces before accepting: a submitter with a plan and overage: block.
    private Optional<Account> enforcedAccount(SMTPSession session) {
        return sessionAccounts.submitter(session)
            .filter(account -> account.overage() == Overage.BLOCK && !PlanUsage.limitsOf(account.plan()).isEmpty());
    }

    // Read once per transaction: RCPTs are checked against it; the count at DATA reads the store again.
    private PlanUsage usage(SMTPSession session, Account account) {
        Optional<PlanUsage> known = session.getAttachment(USAGE, State.Transaction);
        if (known.isPresent()) {
            return known.get();
        }
        PlanUsage usage = meter.current(account);
        session.setAttachment(USAGE, usage, State.Transaction);
        return usage;
    }

    private Optional<HookResult> usedUp(Account account, PlanUsage usage) {
        return usage.reachedLimit().map(limit -> {
            reports.refused(account, usage);
            return refused("The message would go beyond", account, usage);
        });
    }

    // RFC 3463: X.7.1 delivery not authorized, message refused; permanent for this month, so a 5xx.
    private static HookResult refused(String what, Account account, PlanUsage usage) {
        return SmtpReplies.permanent("550", "5.7.1", what + " the monthly plan of account " + account.name() + " ("
            + limits(usage) + "; used " + usage.describeUsed() + " in " + usage.month() + "); the plan resets at "
            + usage.resetsAt());
    }

    private static String limits(PlanUsage usage) {
        return usage.limits().stream().map(PlanLimit::describe).reduce((a, b) -> a + " and " + b).orElse("");
    }

    private HookResult rejected(Account account, Mail mail, HookResult refusal) {
        try {
            String messageId = mail.getAttribute(MESSAGE_ID).map(attribute -> attribute.getValue().value().toString())
                .orElse(mail.getName());
            events.rejected(account, messageId, mail.getMessageSize(), mail.getRecipients(), refusal);
        } catch (javax.mail.MessagingException | RuntimeException e) {
            LOGGER.warn("Could not record the rejection of {} for account {}", mail.getName(), account.name(), e);
        }
        return refusal;
    }

    // Nothing to enforce, so no reason to refuse: what the store cannot count now waits with the mail.
    private void countWithoutPlan(Account account, Mail mail, long copies, long bytes) {
        YearMonth month = meter.currentMonth();
        try {
            meter.count(account.name(), month, copies, bytes);
        } catch (StoreUnavailableException e) {
            UncountedUsage uncounted = new UncountedUsage(month, copies, bytes);
            mail.setAttribute(new Attribute(UNCOUNTED_USAGE, AttributeValue.of(uncounted.asString())));
            LOGGER.info("Usage of {} for account {} is counted once the store is back: {}", mail.getName(), account.name(),
                e.getMessage());
        }
    }
}
