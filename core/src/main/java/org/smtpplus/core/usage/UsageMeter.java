package org.smtpplus.core.usage;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.Overage;

/**
 * Counts what accounts send against their plans, in the store's counters, so that every node sees one count.
 *
 * <p>A plan with {@code overage: block} is never exceeded, however many connections and nodes send at once: a message
 * is added first and the sum read back; a sum beyond the plan means a concurrent sender took the last units, so the
 * message is taken back out and the plan looked at again. While senders race like this, a look at the counters can
 * include units about to be taken back; so a message is refused (a permanent answer) only when two looks a short
 * pause apart agree that it does not fit and nothing was added or taken back between them, and when the counters keep
 * changing it is neither counted nor refused (the client tries again shortly). Counters are exact under concurrency, but an addition that failed may or may not have
 * counted: an outage in the middle can count a message that was not accepted, never the other way round.
 */
public class UsageMeter {
    static final int ATTEMPTS = 6;
    private static final long PAUSE_MILLIS = 15;

    private final UsageRepository usage;
    private final Clock clock;

    public UsageMeter(UsageRepository usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    public YearMonth currentMonth() {
        return UsageMonths.monthOf(clock.instant());
    }

    /** The account's usage of the current month against its plan. */
    public PlanUsage current(Account account) {
        return of(account, currentMonth());
    }

    public PlanUsage of(Account account, YearMonth month) {
        return PlanUsage.of(account, usage.get(account.name(), month));
    }

    /**
     * Whether the account's plan refuses what {@code refuses} says, in the current month, without counting anything.
     *
     * @throws org.smtpplus.core.store.StoreUnavailableException when the store cannot answer now
     */
    public PlanCheck check(Account account, Predicate<PlanUsage> refuses) {
        PlanUsage previous = null;
        for (int attempt = 1; ; attempt++) {
            PlanUsage now = current(account);
            if (!refuses.test(now)) {
                return new PlanCheck(PlanCheck.Verdict.FITS, now);
            }
            if (previous != null && previous.usage().sameLookAs(now.usage())) {
                return new PlanCheck(PlanCheck.Verdict.REFUSED, now);
            }
            if (attempt == ATTEMPTS || !pause(attempt)) {
                return new PlanCheck(PlanCheck.Verdict.UNSETTLED, now);
            }
            previous = now;
        }
    }

    /**
     * Counts {@code messages} recipient copies of {@code bytes} in all, unless the plan forbids.
     *
     * @throws org.smtpplus.core.store.StoreUnavailableException when the store cannot count now
     */
    public Admission admit(Account account, long messages, long bytes) {
        YearMonth month = currentMonth();
        List<PlanLimit> limits = PlanUsage.limitsOf(account.plan());
        if (limits.isEmpty()) {
            count(account.name(), month, messages, bytes);
            return Admission.counted(new PlanUsage(limits, account.overage(), new MonthlyUsage(account.name(), month, messages, bytes)));
        }
        if (account.overage() == Overage.ALLOW) {
            count(account.name(), month, messages, bytes);
            return Admission.counted(of(account, month));
        }
        PlanUsage refusing = null;
        for (int attempt = 1; ; attempt++) {
            PlanUsage before = of(account, month);
            Optional<PlanLimit> exceeded = before.exceededBy(messages, bytes);
            if (exceeded.isPresent()) {
                if (refusing != null && refusing.usage().sameLookAs(before.usage())) {
                    return Admission.refused(before, exceeded.get());
                }
                refusing = before;
            } else {
                refusing = null;
                count(account.name(), month, messages, bytes);
                PlanUsage after = of(account, month);
                if (after.exceededBy(0, 0).isEmpty()) {
                    return Admission.counted(after);
                }
                // A concurrent sender counted too, and both do not fit: give the units back and look again.
                count(account.name(), month, -messages, -bytes);
            }
            if (attempt == ATTEMPTS || !pause(attempt)) {
                return Admission.contended(before);
            }
        }
    }

    /** Counts without looking at the plan: a message accepted already. */
    public void count(String account, YearMonth month, long messages, long bytes) {
        usage.add(account, month, messages, bytes);
    }

    // Random, growing pauses so that racing senders stop meeting.
    private static boolean pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, PAUSE_MILLIS * attempt + 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
