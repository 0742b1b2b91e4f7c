package org.smtpplus.core.usage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.account.Overage;
import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.bounce.BounceCounts;
import org.smtpplus.core.bounce.BounceCsvWriter;
import org.smtpplus.core.bounce.BounceQuery;
import org.smtpplus.core.bounce.BounceRepository;
import org.smtpplus.core.notification.NotificationAttachment;
import org.smtpplus.core.notification.NotificationSender;
import org.smtpplus.core.notification.NotificationTemplate;
import org.smtpplus.core.notification.SentNotificationRepository;
import org.smtpplus.core.store.StoreUnavailableException;

/**
 * The monthly reports of docs/configuration.md#the-monthly-report-template: once a month is over, one mail to each
 * account's {@code notify} addresses with the month's totals and the month's bounces attached as CSV, once per account
 * and month across every node and restart (the store's claim of {@code monthly/ACCOUNT/MONTH} decides who sends).
 * Only an account that sent a message or had a bounce in the month gets one: an idle account's report would say
 * nothing.
 *
 * <p>A report is written before it is claimed, so that a store outage while reading its usage or bounces costs
 * nothing: the next look tries again. Once claimed it is sent at most once, as every notification: a send that fails
 * is logged and lost.
 *
 * <p>The bounce store reads by day, every account's bounces together (docs/cassandra-schema.md#bounces): a look reads
 * the month's bounces once to count them by account, then once more for each account with bounces whose report it
 * writes, for the CSV. Each node takes the accounts in an order of its own, so that nodes looking at once mostly find
 * each other's claims rather than writing the same reports. Once this node saw every report of the month sent, it
 * looks at nothing more until the next month is over. An account whose report fails for another reason than a store
 * outage is tried at {@link #MAX_ATTEMPTS} looks, then left out of the month with an error logged, so that one bad
 * account neither stops the others nor has every look read the month again.
 */
public final class MonthlyReports {
    public static final String TEMPLATE = "monthly-report.template";
    /** How often to look for due reports: once the month's reports are all sent, a look costs nothing. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(15);
    static final String CONTENT_TYPE = "text/csv; charset=utf-8";
    // Time for the last messages and bounces of a month to be counted before its reports are written.
    static final Duration GRACE = Duration.ofMinutes(5);
    /** Logged, with the month, once a node found every report of the month sent (by itself or another node). */
    public static final String EVERY_REPORT_SENT = "Every monthly report is sent for";
    // A report is one mail, its bounce list held in memory: past 100,000 rows or 5 MB of UTF-8 (at most about 7 MB
    // once encoded for mail, within the 10 MB many receivers take), the list is cut and the report says where to get
    // the whole of it.
    static final int MAX_LISTED = 100_000;
    static final int MAX_LIST_BYTES = 5 * 1024 * 1024;
    static final int MAX_ATTEMPTS = 3;
    private static final String NONE = "none";
    private static final Logger LOGGER = LoggerFactory.getLogger(MonthlyReports.class);

    private final AccountRepository accounts;
    private final UsageRepository usage;
    private final BounceRepository bounces;
    private final SentNotificationRepository sent;
    private final NotificationSender sender;
    private final NotificationTemplate template;
    private final Clock clock;
    private final int maxListed;
    private final int maxListBytes;
    // What this node knows of the month being reported: the accounts whose report is sent or not needed, and whether
    // that is every account.
    private final Set<String> done = new HashSet<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private YearMonth doneMonth;
    private boolean allDone;

    public MonthlyReports(AccountRepository accounts, UsageRepository usage, BounceRepository bounces,
                          SentNotificationRepository sent, NotificationSender sender, NotificationTemplate template, Clock clock) {
        this(accounts, usage, bounces, sent, sender, template, clock, MAX_LISTED, MAX_LIST_BYTES);
    }

    MonthlyReports(AccountRepository accounts, UsageRepository usage, BounceRepository bounces, SentNotificationRepository sent,
                   NotificationSender sender, NotificationTemplate template, Clock clock, int maxListed, int maxListBytes) {
        this.accounts = accounts;
        this.usage = usage;
        this.bounces = bounces;
        this.sent = sent;
        this.sender = sender;
        this.template = template;
        this.clock = clock;
        this.maxListed = maxListed;
        this.maxListBytes = maxListBytes;
    }

    /** The month whose reports are due: the last one over, once {@link #GRACE} passed. */
    public YearMonth dueMonth() {
        return UsageMonths.monthOf(clock.instant().minus(GRACE)).minusMonths(1);
    }

    /**
     * Sends the due month's reports that no node sent yet. When the store fails on an account's report (logged), that
     * report and those after it are tried again at the next call.
     *
     * @throws StoreUnavailableException when the accounts cannot be listed
     */
    public synchronized void sendDue() {
        YearMonth month = dueMonth();
        if (!month.equals(doneMonth)) {
            done.clear();
            failures.clear();
            doneMonth = month;
            allDone = false;
        }
        if (allDone) {
            return;
        }
        List<Account> due = accounts.list().stream()
            .filter(account -> !account.notifyAddresses().isEmpty() && !done.contains(account.name()))
            .collect(Collectors.toList());
        Collections.shuffle(due);
        Optional<Map<String, BounceCounts>> bounced = Optional.empty();
        boolean failed = false;
        for (Account account : due) {
            try {
                String key = key(account.name(), month);
                if (sent.claimedAt(key).isPresent()) {
                    done.add(account.name());
                    continue;
                }
                if (bounced.isEmpty()) {
                    bounced = Optional.of(bouncesByAccount(month));
                }
                MonthlyUsage used = usage.get(account.name(), month);
                boolean hasBounces = bounced.get().containsKey(account.name());
                if (used.messages() == 0 && !hasBounces) {
                    done.add(account.name());
                    continue;
                }
                BounceList list = hasBounces ? bounceList(account.name(), month) : listed(Stream.empty());
                if (sent.claim(key, clock.instant())) {
                    send(account, used, list);
                }
                done.add(account.name());
            } catch (StoreUnavailableException e) {
                // the other accounts would wait for the store's timeout each: all wait for the next look
                LOGGER.warn("The monthly reports for {} from account {} on wait for the store: {}", month, account.name(), e.getMessage());
                return;
            } catch (RuntimeException e) {
                failed = !gaveUp(account.name(), month, e) || failed;
            }
        }
        if (failed) {
            return;
        }
        allDone = true;
        // once a month and node: what an operator (and a test) reads to know this node will not send that month's again
        LOGGER.info("{} {}", EVERY_REPORT_SENT, month);
    }

    // Whether the account's report of the month is given up, after its last attempt failed with {@code e}.
    private boolean gaveUp(String account, YearMonth month, RuntimeException e) {
        int attempts = failures.merge(account, 1, Integer::sum);
        if (attempts < MAX_ATTEMPTS) {
            LOGGER.error("The monthly report of account {} for {} failed (attempt {} of {}); the next look tries again", account,
                month, attempts, MAX_ATTEMPTS, e);
            return false;
        }
        LOGGER.error("The monthly report of account {} for {} failed {} times: it is not sent", account, month, attempts, e);
        done.add(account);
        return true;
    }

    static String key(String account, YearMonth month) {
        return "monthly/" + account + "/" + month;
    }

    static String filename(String account, YearMonth month) {
        return "bounces-" + account + "-" + month + ".csv";
    }

    // The month's bounces counted by account, in one read of the month.
    private Map<String, BounceCounts> bouncesByAccount(YearMonth month) {
        Instant end = UsageMonths.resetsAt(month);
        Map<String, BounceCounts> counts = new HashMap<>();
        try (Stream<Bounce> found = bounces.find(new BounceQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(UsageMonths.startOf(month))))) {
            found.filter(bounce -> bounce.at().isBefore(end))
                .forEach(bounce -> counts.computeIfAbsent(bounce.account(), any -> new BounceCounts()).add(bounce));
        }
        return counts;
    }

    // The store streams the bounces from the start of the month on, newest first: those of later months come first.
    private BounceList bounceList(String account, YearMonth month) {
        Instant end = UsageMonths.resetsAt(month);
        try (Stream<Bounce> found = bounces.find(new BounceQuery(Optional.of(account), Optional.empty(), Optional.empty(),
                Optional.of(UsageMonths.startOf(month))))) {
            return listed(found.filter(bounce -> bounce.at().isBefore(end)));
        }
    }

    // The CSV of the bounces, its header row even when there are none.
    private BounceList listed(Stream<Bounce> monthsBounces) {
        BounceList list = new BounceList(maxListed, maxListBytes);
        try {
            new BounceCsvWriter(list.writer).write(list.listing(monthsBounces));
            list.writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory does not fail", e);
        }
        return list;
    }

    private void send(Account account, MonthlyUsage used, BounceList list) {
        try {
            NotificationAttachment attachment = new NotificationAttachment(filename(account.name(), used.month()), CONTENT_TYPE,
                list.csv.toByteArray());
            sender.send(account.notifyAddresses(), template.render(values(account, used, list)), Optional.of(attachment));
            LOGGER.info("Sent the monthly report of account {} for {} ({} messages, {} bounces, {} listed) to {}", account.name(),
                used.month(), used.messages(), list.counts.total(), list.listed, account.notifyAddresses());
        } catch (RuntimeException e) {
            LOGGER.error("Could not send the monthly report of account {} for {}", account.name(), used.month(), e);
        }
    }

    /** The merge values of {@code monthly-report.template}. */
    static Map<String, String> values(Account account, MonthlyUsage used, BounceList list) {
        YearMonth month = used.month();
        PlanUsage plan = PlanUsage.of(account, used);
        Map<String, String> values = new HashMap<>();
        values.put("account", account.name());
        values.put("month", month.toString());
        values.put("from", UsageMonths.startOf(month).toString());
        values.put("to", UsageMonths.resetsAt(month).toString());
        values.put("messages", String.valueOf(used.messages()));
        values.put("megabytes", PlanUsage.megabytes(used.bytes()));
        values.put("averagesize", ReportValues.averageSize(used));
        values.put("messageslimit", plan.limit(PlanLimit.Dimension.MESSAGES).map(PlanLimit::describe).orElse("no limit"));
        values.put("megabyteslimit", plan.limit(PlanLimit.Dimension.BYTES).map(PlanLimit::describe).orElse("no limit"));
        values.put("overage", plan.overage().asJson());
        String overageMessages = overageUsed(plan, PlanLimit.Dimension.MESSAGES,
            plan.overageMessages() + (plan.overageMessages() == 1 ? " message" : " messages"));
        String overageMegabytes = overageUsed(plan, PlanLimit.Dimension.BYTES, PlanUsage.megabytes(plan.overageBytes()));
        values.put("overagemessages", overageMessages);
        values.put("overagemegabytes", overageMegabytes);
        values.put("overageused", Stream.of(overageMessages, overageMegabytes).filter(overage -> !overage.equals(NONE))
            .reduce((messages, megabytes) -> messages + " and " + megabytes).orElse(NONE));
        ReportValues.putBounces(values, Optional.of(list.counts));
        values.put("attachment", filename(account.name(), month));
        values.put("bouncelist", bounceListSentence(account.name(), month, list));
        return values;
    }

    // Overage is only used where the plan limits the dimension and lets messages go beyond it.
    private static String overageUsed(PlanUsage plan, PlanLimit.Dimension dimension, String used) {
        return plan.overage() == Overage.ALLOW && plan.limit(dimension).isPresent() ? used : NONE;
    }

    private static String bounceListSentence(String account, YearMonth month, BounceList list) {
        String file = filename(account, month);
        long total = list.counts.total();
        if (total == 0) {
            return file + ", attached, is empty: no bounce was recorded in " + month + ".";
        }
        if (list.listed == total) {
            return file + ", attached, lists the " + total + (total == 1 ? " bounce" : " bounces") + " of " + month
                + ", newest first.";
        }
        return file + ", attached, lists the newest " + list.listed + " of the " + total + " bounces of " + month
            + ": the list was cut to keep this mail small. The whole list: GET /smtpplus/bounces?account="
            + URLEncoder.encode(account, StandardCharsets.UTF_8) + "&since=" + UsageMonths.startOf(month) + "&format=csv"
            + " on the relay's WebAdmin, newest first (those from " + UsageMonths.resetsAt(month) + " on are of later months).";
    }

    /** An account's bounces of the month: all counted, the newest listed in CSV up to the caps. */
    static final class BounceList {
        private final BounceCounts counts = new BounceCounts();
        private final ByteArrayOutputStream csv = new ByteArrayOutputStream();
        private final Writer writer = new OutputStreamWriter(csv, StandardCharsets.UTF_8);
        private final int maxListed;
        private final int maxListBytes;
        private long listed;

        BounceList(int maxListed, int maxListBytes) {
            this.maxListed = maxListed;
            this.maxListBytes = maxListBytes;
        }

        // The bytes written so far: the writer's buffer flushed first.
        private int bytes() {
            try {
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("Writing to memory does not fail", e);
            }
            return csv.size();
        }

        /**
         * Counts each bounce of {@code bounces}, and lets through those to list: the first ones until a cap is met,
         * none after it, so that the list is the newest bounces without a gap. Lazy, one bounce at a time, for the
         * CSV writer: whether a cap is met is known only once the bounce before was written.
         */
        Stream<Bounce> listing(Stream<Bounce> bounces) {
            Iterator<Bounce> source = bounces.iterator();
            Iterator<Bounce> listing = new Iterator<>() {
                private Bounce next;
                private boolean cut;

                @Override
                public boolean hasNext() {
                    while (next == null && source.hasNext()) {
                        Bounce bounce = source.next();
                        counts.add(bounce);
                        cut = cut || listed >= maxListed || bytes() >= maxListBytes;
                        if (!cut) {
                            listed++;
                            next = bounce;
                        }
                    }
                    return next != null;
                }

                @Override
                public Bounce next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Bounce bounce = next;
                    next = null;
                    return bounce;
                }
            };
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(listing, Spliterator.ORDERED | Spliterator.NONNULL), false);
        }
    }
}
