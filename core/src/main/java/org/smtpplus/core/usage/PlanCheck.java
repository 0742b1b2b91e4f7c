package org.smtpplus.core.usage;

import java.util.Objects;

/**
 * What {@link UsageMeter#check} saw: the plan has room ({@link Verdict#FITS}), has none, as two looks a pause apart
 * agree ({@link Verdict#REFUSED}), or is changing under concurrent senders too fast to tell ({@link Verdict#UNSETTLED}:
 * the client should try again shortly).
 */
public final class PlanCheck {
    public enum Verdict {
        FITS, REFUSED, UNSETTLED
    }

    private final Verdict verdict;
    private final PlanUsage usage;

    PlanCheck(Verdict verdict, PlanUsage usage) {
        this.verdict = Objects.requireNonNull(verdict);
        this.usage = Objects.requireNonNull(usage);
    }

    public Verdict verdict() {
        return verdict;
    }

    /** The last look taken. */
    public PlanUsage usage() {
        return usage;
    }

    @Override
    public String toString() {
        return "PlanCheck{" + verdict + ", " + usage + "}";
    }
}
