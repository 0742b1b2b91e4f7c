package org.smtpplus.core.usage;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.Overage;
import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.bounce.BounceCounts;
import org.smtpplus.core.bounce.BounceQuery;
import org.smtpplus.core.bounce.BounceRepository;
import org.smtpplus.core.notification.NotificationSender;
import org.smtpplus.core.notification.NotificationTemplate;
import org.smtpplus.core.notification.SentNotificationRepository;

/**
 * The usage reports of docs/configuration.md#the-usage-report-template: one mail to the account's {@code notify}
 * addresses at each tenth of its
 * plan and at the limit, each once per month across every node and restart (the store's claim decides who sends).
 * A message that takes usage past several thresholds at once sends the report of each. The first message refused
 * for the plan in a month is reported too (a megabyte plan is seldom met to the byte, so its limit is usually learnt
 * so).
 *
 * <p>The thresholds a node saw claimed are remembered for the month, so that a report costs the store nothing once it
 * went out. Never throws: a report that cannot be claimed now is claimed with a later message.
 *
 * <p>The caller's thread (the SMTP thread that accepted the message) only notes the report as this node's to send and
 * hands it to {@code executor}, which claims it, reads the month's bounces of the account and sends it: the claim is
 * a write of the store, and the read takes a time that grows with the month's bounces, neither of which may hold up
 * the client's reply. A report the executor has no room for, or whose claim meets a store outage, is no longer
 * noted, so that a later message tries again. When the bounce read fails, the report goes out all the same, its
 * bounce counts saying they are unavailable.
 */
public class UsageReports {
    public static final String TEMPLATE = "usage-report.template";
    private static final Logger LOGGER = LoggerFactory.getLogger(UsageReports.class);
    // The refusal's report has a key of its own: it says nothing of how much of the plan is used.
    static final int REFUSED = -1;

    private final SentNotificationRepository sent;
    private final NotificationSender sender;
    private final NotificationTemplate template;
    private final BounceRepository bounces;
    private final Clock clock;
    private final Executor executor;
    private final Map<YearMonth, Set<String>> claimedByMonth = new ConcurrentHashMap<>();

    /**
     * @param executor where claimed reports are written and sent, off the caller's thread
     */
    public UsageReports(SentNotificationRepository sent, NotificationSender sender, NotificationTemplate template,
                        BounceRepository bounces, Clock clock, Executor executor) {
        this.sent = sent;
        this.sender = sender;
        this.template = template;
        this.bounces = bounces;
        this.clock = clock;
        this.executor = executor;
    }

    /** After a message was counted into {@code after}. */
    public void counted(Account account, PlanUsage after) {
        report(account, after, after.thresholdsReached());
    }

    /** After a message was refused because the plan had no room left for it. */
    public void refused(Account account, PlanUsage usage) {
        report(account, usage, List.of(REFUSED));
    }

    static String key(String account, YearMonth month, int threshold) {
        return "usage/" + account + "/" + month + "/" + (threshold == REFUSED ? "refused" : String.valueOf(threshold));
    }

    private void report(Account account, PlanUsage usage, List<Integer> thresholds) {
        if (account.notifyAddresses().isEmpty() || thresholds.isEmpty()) {
            return;
        }
        Set<String> claimed = claimedIn(usage.month());
        for (int threshold : thresholds) {
            String key = key(account.name(), usage.month(), threshold);
            if (!claimed.add(key)) {
                continue;
            }
            try {
                executor.execute(() -> claimAndSend(account, usage, threshold, key, claimed));
            } catch (RejectedExecutionException e) {
                claimed.remove(key);
                LOGGER.warn("The usage report {} waits: too many reports wait to be sent; a later message sends it", key);
            }
        }
    }

    private void claimAndSend(Account account, PlanUsage usage, int threshold, String key, Set<String> claimed) {
        try {
            if (!sent.claim(key, clock.instant())) {
                return;
            }
        } catch (RuntimeException e) {
            claimed.remove(key);
            LOGGER.warn("The usage report {} waits for the store: {}", key, e.getMessage());
            return;
        }
        send(account, usage, threshold);
    }

    // Reports of a month only matter in that month: the claims of earlier ones are forgotten.
    private Set<String> claimedIn(YearMonth month) {
        claimedByMonth.keySet().removeIf(other -> other.isBefore(month));
        return claimedByMonth.computeIfAbsent(month, any -> ConcurrentHashMap.newKeySet());
    }

    private void send(Account account, PlanUsage usage, int threshold) {
        String what = threshold == REFUSED ? "refusal" : threshold + "%";
        try {
            Optional<BounceCounts> bounceCounts = bouncesOf(account.name(), usage.month(), what);
            sender.send(account.notifyAddresses(), template.render(values(account, usage, threshold, bounceCounts)));
            LOGGER.info("Sent the {} usage report of account {} for {} ({}) to {}", what, account.name(), usage.month(),
                usage.describeUsed(), account.notifyAddresses());
        } catch (RuntimeException e) {
            LOGGER.error("Could not send the {} usage report of account {} for {}", what, account.name(), usage.month(), e);
        }
    }

    // The month's bounces so far: a bounce recorded after the month (a report sent late) is another month's.
    private Optional<BounceCounts> bouncesOf(String account, YearMonth month, String what) {
        Instant end = UsageMonths.resetsAt(month);
        BounceCounts counts = new BounceCounts();
        try (Stream<Bounce> found = bounces.find(new BounceQuery(Optional.of(account), Optional.empty(), Optional.empty(),
                Optional.of(UsageMonths.startOf(month))))) {
            found.filter(bounce -> bounce.at().isBefore(end)).forEach(counts::add);
            return Optional.of(counts);
        } catch (RuntimeException e) {
            LOGGER.warn("The {} usage report of account {} for {} goes without its bounce counts: {}", what, account, month,
                e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The merge values of {@code usage-report.template}.
     *
     * @param bounceCounts the month's bounces so far; empty when the store could not count them
     */
    static Map<String, String> values(Account account, PlanUsage usage, int threshold, Optional<BounceCounts> bounceCounts) {
        boolean refused = threshold == REFUSED;
        long percent = usage.percent().orElse(0);
        Map<String, String> values = new HashMap<>();
        values.put("account", account.name());
        values.put("month", usage.month().toString());
        values.put("threshold", String.valueOf(refused ? percent : threshold));
        values.put("headline", refused
            ? "a message was refused, " + percent + "% of the plan for " + usage.month() + " used"
            : threshold + "% of the plan for " + usage.month());
        values.put("percent", String.valueOf(percent));
        values.put("messages", String.valueOf(usage.usage().messages()));
        values.put("megabytes", PlanUsage.megabytes(usage.usage().bytes()));
        values.put("averagesize", ReportValues.averageSize(usage.usage()));
        ReportValues.putBounces(values, bounceCounts);
        values.put("messageslimit", usage.limit(PlanLimit.Dimension.MESSAGES).map(PlanLimit::describe).orElse("no limit"));
        values.put("megabyteslimit", usage.limit(PlanLimit.Dimension.BYTES).map(PlanLimit::describe).orElse("no limit"));
        values.put("used", usage.describeUsed());
        values.put("resetsat", usage.resetsAt().toString());
        values.put("overage", usage.overage().asJson());
        values.put("whatnext", whatNext(usage, threshold, refused));
        return values;
    }

    private static String whatNext(PlanUsage usage, int threshold, boolean refused) {
        boolean blocks = usage.overage() == Overage.BLOCK;
        if (refused) {
            return "A message was refused because it does not fit in what is left of the plan. Messages that fit are "
                + "still accepted; the plan starts again at " + usage.resetsAt() + ".";
        }
        if (threshold >= PlanUsage.LIMIT_PERCENT) {
            return blocks
                ? "The plan is used up: further messages are refused until it starts again at " + usage.resetsAt() + "."
                : "The plan is used up: further messages are still sent, and counted as overage.";
        }
        return blocks
            ? "Once the plan is used up, further messages are refused until it starts again."
            : "Once the plan is used up, further messages are still sent, and counted as overage.";
    }
}
