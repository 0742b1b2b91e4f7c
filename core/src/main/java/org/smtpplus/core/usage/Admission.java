package org.smtpplus.core.usage;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link UsageMeter#admit} decided about a message: counted (then {@link #usage()} is the usage it was counted
 * into, as read right after), refused because it would go beyond the plan ({@link #exceeded()} names the limit), or
 * undecided because concurrent senders kept racing for the plan's last units (the client should try again shortly).
 */
public final class Admission {
    public enum Decision {
        COUNTED, REFUSED, CONTENDED
    }

    static Admission counted(PlanUsage after) {
        return new Admission(Decision.COUNTED, after, Optional.empty());
    }

    static Admission refused(PlanUsage before, PlanLimit exceeded) {
        return new Admission(Decision.REFUSED, before, Optional.of(exceeded));
    }

    static Admission contended(PlanUsage last) {
        return new Admission(Decision.CONTENDED, last, Optional.empty());
    }

    private final Decision decision;
    private final PlanUsage usage;
    private final Optional<PlanLimit> exceeded;

    private Admission(Decision decision, PlanUsage usage, Optional<PlanLimit> exceeded) {
        this.decision = decision;
        this.usage = Objects.requireNonNull(usage);
        this.exceeded = exceeded;
    }

    public Decision decision() {
        return decision;
    }

    /** After the message when counted; without it otherwise. Without a plan read, it counts only the message itself. */
    public PlanUsage usage() {
        return usage;
    }

    public Optional<PlanLimit> exceeded() {
        return exceeded;
    }

    @Override
    public String toString() {
        return "Admission{" + decision + ", " + usage + exceeded.map(limit -> ", exceeds " + limit).orElse("") + "}";
    }
}
