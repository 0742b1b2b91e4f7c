package org.smtpplus.smtp;

import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.Hook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookResultHook;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.core.usage.Admission;
import org.smtpplus.core.usage.PlanCheck;
import org.smtpplus.core.usage.PlanLimit;
import org.smtpplus.core.usage.PlanUsage;
import org.smtpplus.core.usage.UncountedUsage;
import org.smtpplus.core.usage.UsageMeter;
import org.smtpplus.core.usage.UsageReports;

/**
 * The account's monthly plan (docs/api.md#accounts): counts every accepted submission, one per recipient copy and its
 * size times the copies, and with {@code overage: block} refuses what would go beyond the plan. A used-up plan is
 * refused at MAIL FROM (at the first RCPT for a trusted network, whose session may carry bounces for the bounce domain
 * too), a recipient that would not fit at RCPT, and the message itself at the end of DATA, where its size is known and
 * the copies are counted. A message is never accepted in part: once a recipient was refused for the plan, its DATA is
 * refused as a whole. Recipients of the bounce domain or of a return-path domain are no copies and do not count.
 *
 * <p>The count is made before James queues the mail, and taken back if James (or any later end-of-DATA hook) does
 * not accept it after all; usage reports go out once it did. Without the store the relay cannot enforce a plan, so an
 * account with {@code overage: block} is answered 451 (try again). An account without a plan, or with overage
 * allowed, has nothing to enforce: its message is accepted and counted by the mailets once the store is back
 * ({@link MailAttributes#uncountedUsageOf}).
 */
public class PlanLimitHook implements MailHook, RcptHook, JamesMessageHook, HookResultHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(PlanLimitHook.class);
    private static final AttachmentKey<PlanUsage> USAGE = AttachmentKey.of("smtpplus.planUsage", PlanUsage.class);
    // The answer the DATA of a transaction gets once one of its recipients was refused for the plan.
    private static final AttachmentKey<HookResult> DATA_REFUSAL = AttachmentKey.of("smtpplus.planDataRefusal", HookResult.class);
    private static final AttachmentKey<Counted> COUNTED = AttachmentKey.of("smtpplus.planCounted", Counted.class);

    /** What this transaction's message counted, until James accepts or refuses it. */
    private static final class Counted {
        private final Account account;
        private final YearMonth month;
        private final long copies;
        private final long bytes;
        private final Optional<PlanUsage> after;

        private Counted(Account account, YearMonth month, long copies, long bytes, Optional<PlanUsage> after) {
            this.account = account;
            this.month = month;
            this.copies = copies;
            this.bytes = bytes;
            this.after = after;
        }
    }

    private final SessionAccounts sessionAccounts;
    private final UsageMeter meter;
    private final UsageReports reports;
    private final SubmissionEvents events;
    private final RecipientTokens tokens;

    @Inject
    public PlanLimitHook(SessionAccounts sessionAccounts, UsageMeter meter, UsageReports reports, SubmissionEvents events,
                         RecipientTokens tokens) {
        this.sessionAccounts = sessionAccounts;
        this.meter = meter;
        this.reports = reports;
        this.events = events;
        this.tokens = tokens;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        // A refused MAIL FROM does not end its transaction: every MAIL FROM looks at the plan afresh.
        session.removeAttachment(USAGE, State.Transaction);
        if (sender.isNullSender() || session.getUsername() == null) {
            return HookResult.DECLINED;
        }
        try {
            Optional<Account> enforced = enforcedAccount(session);
            if (enforced.isEmpty()) {
                return HookResult.DECLINED;
            }
            Account account = enforced.get();
            return answer(check(session, account, usage -> usage.reachedLimit().isPresent()), account, "The message would go beyond")
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
            long recipients = copies(session.getAttachment(SMTPSession.RCPT_LIST, State.Transaction).orElse(List.of())) + 1;
            Predicate<PlanUsage> refuses = usage -> usage.reachedLimit().isPresent() || usage.exceededBy(recipients, 0).isPresent();
            Optional<PlanUsage> known = session.getAttachment(USAGE, State.Transaction);
            if (known.isPresent() && !refuses.test(known.get())) {
                return HookResult.DECLINED;
            }
            PlanCheck check = check(session, account, refuses);
            Optional<HookResult> refusal = answer(check, account, "Recipient " + recipients + " would go beyond");
            refusal.ifPresent(refused -> {
                session.setAttachment(DATA_REFUSAL, check.verdict() == PlanCheck.Verdict.REFUSED
                    ? refused("The message is not accepted in part: its recipients would go beyond", account, check.usage())
                    : unsettled(account), State.Transaction);
                events.rejected(account, session.getSessionID(), 0, List.of(rcpt), refused);
            });
            return refusal.orElse(HookResult.DECLINED);
        } catch (StoreUnavailableException e) {
            // Nor is this recipient accepted in part: the message waits as a whole.
            session.setAttachment(DATA_REFUSAL, SmtpReplies.storeUnavailable(), State.Transaction);
            return SmtpReplies.storeUnavailable();
        }
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        // Only the submissions SubmissionHook accepted count: not inbound mail, nor bounces for a return-path domain.
        if (!MailAttributes.isSubmission(mail)) {
            return HookResult.DECLINED;
        }
        long copies;
        Account account;
        long bytes;
        try {
            copies = copies(mail.getRecipients());
            account = sessionAccounts.submitter(session).orElseThrow();
            bytes = Math.multiplyExact(mail.getMessageSize(), copies);
        } catch (StoreUnavailableException e) {
            return SmtpReplies.storeUnavailable();
        } catch (MessagingException e) {
            LOGGER.warn("Could not read the size of {} for account {}", mail.getName(), session.getUsername(), e);
            return SmtpReplies.permanent("554", "5.6.0", "Unreadable message: " + e.getMessage());
        }
        Optional<HookResult> dataRefusal = session.getAttachment(DATA_REFUSAL, State.Transaction);
        if (dataRefusal.isPresent()) {
            return rejected(account, mail, dataRefusal.get());
        }
        if (copies == 0) {
            return HookResult.DECLINED;
        }
        if (!PlanUsage.isEnforced(account)) {
            countUnenforced(session, account, mail, copies, bytes);
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
                session.setAttachment(COUNTED, new Counted(account, admission.usage().month(), copies, bytes,
                    Optional.of(admission.usage())), State.Transaction);
                return HookResult.DECLINED;
            case REFUSED:
                reports.refused(account, admission.usage());
                return rejected(account, mail, refused("A message of " + copies + (copies == 1 ? " copy" : " copies")
                    + " (" + PlanUsage.megabytes(bytes) + ") would go beyond", account, admission.usage()));
            case CONTENDED:
            default:
                return unsettled(account);
        }
    }

    // The end-of-DATA hooks after this one decide whether James takes the mail: SendMailHandler answers OK once it
    // is queued, or 451 when it could not queue it. Runs before James resets the transaction.
    @Override
    public HookResult onHookResult(SMTPSession session, HookResult result, long executionTime, Hook hook) {
        HookReturnCode.Action action = result.getResult().getAction();
        if (!(hook instanceof JamesMessageHook) || action == HookReturnCode.Action.DECLINED) {
            return result;
        }
        session.removeAttachment(COUNTED, State.Transaction).ifPresent(counted -> {
            if (action == HookReturnCode.Action.OK) {
                counted.after.ifPresent(after -> reports.counted(counted.account, after));
            } else {
                giveBack(counted);
            }
        });
        return result;
    }

    private void giveBack(Counted counted) {
        try {
            meter.count(counted.account.name(), counted.month, -counted.copies, -counted.bytes);
        } catch (StoreUnavailableException e) {
            LOGGER.warn("Account {} keeps {} copies ({} bytes) counted for a message James did not accept: {}",
                counted.account.name(), counted.copies, counted.bytes, e.getMessage());
        }
    }

    private Optional<Account> enforcedAccount(SMTPSession session) {
        return sessionAccounts.submitter(session).filter(PlanUsage::isEnforced);
    }

    // The last look at the plan is kept for the RCPTs and DATA to come.
    private PlanCheck check(SMTPSession session, Account account, Predicate<PlanUsage> refuses) {
        PlanCheck check = meter.check(account, refuses);
        session.setAttachment(USAGE, check.usage(), State.Transaction);
        return check;
    }

    private Optional<HookResult> answer(PlanCheck check, Account account, String what) {
        switch (check.verdict()) {
            case FITS:
                return Optional.empty();
            case REFUSED:
                reports.refused(account, check.usage());
                return Optional.of(refused(what, account, check.usage()));
            case UNSETTLED:
            default:
                return Optional.of(unsettled(account));
        }
    }

    private long copies(Collection<MailAddress> recipients) {
        return recipients.stream().filter(recipient -> !tokens.claims(recipient.getLocalPart(), recipient.getDomain().asString())).count();
    }

    // RFC 3463: X.7.1 delivery not authorized, message refused; permanent for this month, so a 5xx.
    private static HookResult refused(String what, Account account, PlanUsage usage) {
        return SmtpReplies.permanent("550", "5.7.1", what + " the monthly plan of account " + account.name() + " ("
            + limits(usage) + "; used " + usage.describeUsed() + " in " + usage.month() + "); the plan resets at "
            + usage.resetsAt());
    }

    private static HookResult unsettled(Account account) {
        return SmtpReplies.temporary("451", "4.3.0", "The monthly plan of account " + account.name()
            + " is nearly used up and other messages are being counted against it; try again shortly");
    }

    private static String limits(PlanUsage usage) {
        return usage.limits().stream().map(PlanLimit::describe).reduce((a, b) -> a + " and " + b).orElse("");
    }

    private HookResult rejected(Account account, Mail mail, HookResult refusal) {
        try {
            String messageId = MailAttributes.messageIdOf(mail).orElse(mail.getName());
            events.rejected(account, messageId, mail.getMessageSize(), mail.getRecipients(), refusal);
        } catch (MessagingException | RuntimeException e) {
            LOGGER.warn("Could not record the rejection of {} for account {}", mail.getName(), account.name(), e);
        }
        return refusal;
    }

    // Nothing to enforce (no plan, or overage allowed), so no reason to refuse: what the store cannot count now waits
    // with the mail. A plan's reports look at the usage once counted; without the store, a later message sends them.
    private void countUnenforced(SMTPSession session, Account account, Mail mail, long copies, long bytes) {
        YearMonth month = meter.currentMonth();
        try {
            meter.count(account.name(), month, copies, bytes);
        } catch (StoreUnavailableException e) {
            MailAttributes.setUncountedUsage(mail, new UncountedUsage(month, copies, bytes));
            LOGGER.info("Usage of {} for account {} is counted once the store is back: {}", mail.getName(), account.name(),
                e.getMessage());
            return;
        }
        Optional<PlanUsage> after = Optional.empty();
        if (PlanUsage.isLimited(account)) {
            try {
                after = Optional.of(meter.of(account, month));
            } catch (StoreUnavailableException e) {
                LOGGER.info("The usage reports of account {} wait for a later message: {}", account.name(), e.getMessage());
            }
        }
        session.setAttachment(COUNTED, new Counted(account, month, copies, bytes, after), State.Transaction);
    }
}
