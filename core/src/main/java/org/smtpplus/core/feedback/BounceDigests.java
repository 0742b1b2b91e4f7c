package org.smtpplus.core.feedback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.bounce.BounceCounts;
import org.smtpplus.core.bounce.BounceQuery;
import org.smtpplus.core.bounce.BounceRepository;
import org.smtpplus.core.bounce.BounceType;
import org.smtpplus.core.notification.SentNotificationRepository;

/**
 * Bounce digests, the notification mode that sends an account's {@code notify} addresses one mail per period (a day
 * by default) listing the period's bounces, instead of one mail per bounce. Periods are aligned on the epoch, so a
 * day is a UTC day. A period is due once it ended and a grace (a quarter of the period, at most 5 minutes) passed,
 * for reports still being handled; the last {@link #LOOKBACK_PERIODS} due periods are looked at, so a relay that was
 * down at the end of a period sends its digest when it is back.
 *
 * <p>Each digest is claimed in the {@link SentNotificationRepository} before it is sent: of several nodes, one sends
 * it, once.
 */
public final class BounceDigests {
    public static final String TEMPLATE = "bounce-digest.template";
    public static final int LOOKBACK_PERIODS = 3;
    // A digest is a mail: past this many lines, the bounce list (GET /smtpplus/bounces) is the place to read them.
    static final int LISTED_BOUNCES = 1000;
    private static final Duration MAXIMUM_GRACE = Duration.ofMinutes(5);
    private static final int DIAGNOSTIC_LENGTH = 200;

    /** One account's digest of one period: where it goes and the values of its template. */
    public static final class Digest {
        private final String key;
        private final String account;
        private final List<String> notifyAddresses;
        private final Map<String, String> values;

        private Digest(String key, String account, List<String> notifyAddresses, Map<String, String> values) {
            this.key = key;
            this.account = account;
            this.notifyAddresses = List.copyOf(notifyAddresses);
            this.values = Map.copyOf(values);
        }

        public String account() {
            return account;
        }

        public List<String> notifyAddresses() {
            return notifyAddresses;
        }

        /**
         * {@code {{account}}, {{from}}, {{to}}, {{count}}, {{hard}}, {{soft}}, {{block}}, {{bounces}}} (one line per
         * bounce, at most {@value #LISTED_BOUNCES}, then a line saying how many more).
         */
        public Map<String, String> values() {
            return values;
        }
    }

    private final AccountRepository accounts;
    private final BounceRepository bounces;
    private final SentNotificationRepository sent;
    private final Duration period;
    private final Clock clock;

    /**
     * @param period the length of a digest's period, at least a second
     */
    public BounceDigests(AccountRepository accounts, BounceRepository bounces, SentNotificationRepository sent,
                         Duration period, Clock clock) {
        if (period.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("A bounce digest period is at least a second, got " + period);
        }
        this.accounts = accounts;
        this.bounces = bounces;
        this.sent = sent;
        this.period = period;
        this.clock = clock;
    }

    /** How often to look for due digests: often enough that one goes out soon after its grace. */
    public Duration checkInterval() {
        return grace();
    }

    /**
     * The digests due now that no one has claimed yet. An account without notify addresses, or without bounces in a
     * period, has none. Before sending one, {@link #claim} it. May throw
     * {@link org.smtpplus.core.store.StoreUnavailableException}.
     */
    public List<Digest> due() {
        long newestDue = periodIndex(clock.instant().minus(grace())) - 1;
        Map<String, Account> notified = new HashMap<>();
        Map<String, Set<Long>> unclaimed = new HashMap<>();
        // The claims are read first: once every digest of the lookback is sent, no bounce needs to be read.
        for (Account account : accounts.list()) {
            if (account.notifyAddresses().isEmpty()) {
                continue;
            }
            for (long index = newestDue - LOOKBACK_PERIODS + 1; index <= newestDue; index++) {
                if (sent.claimedAt(key(account.name(), index)).isEmpty()) {
                    notified.put(account.name(), account);
                    unclaimed.computeIfAbsent(account.name(), name -> new HashSet<>()).add(index);
                }
            }
        }
        if (unclaimed.isEmpty()) {
            return List.of();
        }
        long oldest = unclaimed.values().stream().flatMap(Set::stream).min(Long::compare).orElseThrow();
        Map<String, TreeMap<Long, PeriodBounces>> byAccount = new HashMap<>();
        try (Stream<Bounce> recent = bounces.find(new BounceQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(start(oldest))))) {
            recent.filter(bounce -> unclaimed.getOrDefault(bounce.account(), Set.of()).contains(periodIndex(bounce.at())))
                .forEach(bounce -> byAccount.computeIfAbsent(bounce.account(), account -> new TreeMap<>())
                    .computeIfAbsent(periodIndex(bounce.at()), index -> new PeriodBounces())
                    .add(bounce));
        }
        List<Digest> due = new ArrayList<>();
        byAccount.forEach((account, periods) -> periods.forEach((index, periodBounces) ->
            due.add(new Digest(key(account, index), account, notified.get(account).notifyAddresses(),
                periodBounces.values(account, start(index), start(index + 1))))));
        return due;
    }

    /**
     * Claims the digest for this caller: true for one caller across every node and restart, which must send it.
     * May throw {@link org.smtpplus.core.store.StoreUnavailableException}.
     */
    public boolean claim(Digest digest) {
        return sent.claim(digest.key, clock.instant());
    }

    private Duration grace() {
        Duration quarter = period.dividedBy(4);
        return quarter.compareTo(MAXIMUM_GRACE) < 0 ? quarter : MAXIMUM_GRACE;
    }

    private long periodIndex(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), period.toMillis());
    }

    private Instant start(long index) {
        return Instant.ofEpochMilli(index * period.toMillis());
    }

    private String key(String account, long index) {
        return "bounce-digest/" + account + "/" + start(index) + "/" + period;
    }

    /** The bounces of one account in one period, newest first as the repository streams them. */
    private static final class PeriodBounces {
        private final BounceCounts counts = new BounceCounts();
        private final List<String> lines = new ArrayList<>();

        void add(Bounce bounce) {
            counts.add(bounce);
            if (lines.size() < LISTED_BOUNCES) {
                lines.add(bounce.at() + "  " + bounce.type().asJson() + "  " + bounce.reason().asJson() + "  "
                    + bounce.status().orElse("-") + "  "
                    + bounce.recipient() + "  " + shortened(bounce.diagnostic()));
            }
        }

        Map<String, String> values(String account, Instant from, Instant to) {
            StringBuilder list = new StringBuilder();
            lines.forEach(line -> list.append(line).append('\n'));
            if (counts.total() > lines.size()) {
                list.append("... and ").append(counts.total() - lines.size()).append(" more\n");
            }
            return Map.of(
                "account", account,
                "from", from.toString(),
                "to", to.toString(),
                "count", String.valueOf(counts.total()),
                "hard", String.valueOf(counts.of(BounceType.HARD)),
                "soft", String.valueOf(counts.of(BounceType.SOFT)),
                "block", String.valueOf(counts.of(BounceType.BLOCK)),
                "bounces", list.toString());
        }

        private static String shortened(String diagnostic) {
            return diagnostic.length() <= DIAGNOSTIC_LENGTH ? diagnostic : diagnostic.substring(0, DIAGNOSTIC_LENGTH) + "...";
        }
    }
}
