package org.smtpplus.core.usage;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.Overage;
import org.smtpplus.core.account.Plan;

/**
 * An account's usage of a month measured against its plan: the arithmetic of
 * docs/operator-guide.md#plans-usage-and-quotas, without any store.
 * A plan may limit messages (recipient copies), megabytes, both or neither; where it limits both, the more used one
 * is the account's percent, and reaching either limit uses the plan up.
 */
public final class PlanUsage {
    /** Reports go out at each tenth of the plan, the last at the limit itself. */
    public static final List<Integer> THRESHOLDS = IntStream.rangeClosed(1, 10).map(tenth -> tenth * 10).boxed()
        .collect(Collectors.toUnmodifiableList());
    public static final int LIMIT_PERCENT = 100;

    // A plan stored before its values were bounded may be larger than a limit can be: it is the largest one, which no
    // account can reach.
    public static List<PlanLimit> limitsOf(Optional<Plan> plan) {
        List<PlanLimit> limits = new ArrayList<>();
        plan.flatMap(Plan::messagesPerMonth)
            .ifPresent(messages -> limits.add(PlanLimit.messages(Math.min(messages, PlanLimit.MAX_LIMIT))));
        plan.flatMap(Plan::megabytesPerMonth)
            .ifPresent(megabytes -> limits.add(PlanLimit.megabytes(Math.min(megabytes, PlanLimit.MAX_LIMIT / PlanLimit.BYTES_PER_MEGABYTE))));
        return List.copyOf(limits);
    }

    /** Whether the account's plan limits anything. */
    public static boolean isLimited(Account account) {
        return !limitsOf(account.plan()).isEmpty();
    }

    /** Whether the relay refuses what would go beyond the account's plan: it limits something, and overage is block. */
    public static boolean isEnforced(Account account) {
        return account.overage() == Overage.BLOCK && isLimited(account);
    }

    public static PlanUsage of(Account account, MonthlyUsage usage) {
        return new PlanUsage(limitsOf(account.plan()), account.overage(), usage);
    }

    private final List<PlanLimit> limits;
    private final Overage overage;
    private final MonthlyUsage usage;

    public PlanUsage(List<PlanLimit> limits, Overage overage, MonthlyUsage usage) {
        this.limits = List.copyOf(limits);
        this.overage = Objects.requireNonNull(overage);
        this.usage = Objects.requireNonNull(usage);
    }

    public MonthlyUsage usage() {
        return usage;
    }

    public YearMonth month() {
        return usage.month();
    }

    public Instant resetsAt() {
        return UsageMonths.resetsAt(usage.month());
    }

    public List<PlanLimit> limits() {
        return limits;
    }

    public Overage overage() {
        return overage;
    }

    public boolean hasLimits() {
        return !limits.isEmpty();
    }

    public Optional<PlanLimit> limit(PlanLimit.Dimension dimension) {
        return limits.stream().filter(limit -> limit.dimension() == dimension).findFirst();
    }

    /** The percent of the plan used, rounded down (the larger of its limits'); empty without a plan. */
    public OptionalLong percent() {
        return limits.stream().mapToLong(limit -> limit.percent(limit.used(usage))).max();
    }

    /** The first limit reached: the plan is used up. */
    public Optional<PlanLimit> reachedLimit() {
        return limits.stream().filter(limit -> limit.used(usage) >= limit.limit()).findFirst();
    }

    /** Used up with {@code overage: block}: the account sends nothing more this month. */
    public boolean blocked() {
        return overage == Overage.BLOCK && reachedLimit().isPresent();
    }

    /** The first limit that {@code messages} more copies of {@code bytes} in all would go beyond. */
    public Optional<PlanLimit> exceededBy(long messages, long bytes) {
        MonthlyUsage after = usage.plus(messages, bytes);
        return limits.stream().filter(limit -> limit.used(after) > limit.limit()).findFirst();
    }

    /** Usage beyond the plan, sent because of {@code overage: allow}; none with {@code block}. */
    public long overageMessages() {
        return overage(PlanLimit.Dimension.MESSAGES, usage.messages());
    }

    public long overageBytes() {
        return overage(PlanLimit.Dimension.BYTES, usage.bytes());
    }

    private long overage(PlanLimit.Dimension dimension, long used) {
        if (overage != Overage.ALLOW) {
            return 0;
        }
        return limit(dimension).map(limit -> Math.max(0, used - limit.limit())).orElse(0L);
    }

    /** The report thresholds this usage has reached, lowest first: 10, 20, ... 100. */
    public List<Integer> thresholdsReached() {
        long percent = percent().orElse(0);
        return THRESHOLDS.stream().filter(threshold -> threshold <= percent).collect(Collectors.toUnmodifiableList());
    }

    /** Such as {@code 18 of 20 messages} for each limit, for replies and reports. */
    public String describeUsed() {
        return limits.stream()
            .map(limit -> limit.dimension() == PlanLimit.Dimension.MESSAGES
                ? usage.messages() + " of " + limit.describe()
                : megabytes(usage.bytes()) + " of " + limit.describe())
            .collect(Collectors.joining(" and "));
    }

    /** Megabytes with one decimal, rounded down so that a plan never reads as used up before it is. */
    public static String megabytes(long bytes) {
        long whole = Math.max(0, bytes);
        long tenths = (whole / PlanLimit.BYTES_PER_MEGABYTE) * 10 + (whole % PlanLimit.BYTES_PER_MEGABYTE) * 10 / PlanLimit.BYTES_PER_MEGABYTE;
        return (tenths / 10) + "." + (tenths % 10) + " MB";
    }

    @Override
    public String toString() {
        return "PlanUsage{" + usage + ", limits=" + limits + ", overage=" + overage.asJson() + "}";
    }
}
