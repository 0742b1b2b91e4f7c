package org.smtpplus.core.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.google.common.cache.CacheBuilder;

/**
 * Slows down and then stops password guessing over SMTP AUTH. Failures are counted per client address (as
 * {@link ClientAddresses#key} names it: an IPv6 address by its /64 network) and per
 * account name, each count forgotten once {@link Limits#window()} has passed without a new failure:
 * <ul>
 *   <li>the first {@link #FREE_FAILURES} failures cost nothing;</li>
 *   <li>each further one makes the address (and the name) wait before its next attempt, {@link #FIRST_DELAY} doubled
 *   at each failure up to {@link #MAX_DELAY}; an attempt before then is refused without checking the password;</li>
 *   <li>at {@link Limits#failuresPerAddress()} failures from an address, or {@link Limits#failuresPerAccount()} for a
 *   name, every attempt is refused until the window has passed.</li>
 * </ul>
 * A name's own limit catches guessing spread over many addresses; so that a stranger cannot lock an account's own
 * clients out by failing on purpose, an address that authenticated as that name within {@link #KNOWN_FOR} is exempt
 * from the name's limit (never from its own address's).
 *
 * <p>The state is in memory and capped (Guava caches): each table keeps at most {@link Limits#maxTracked()} entries,
 * the least recently used going first, and none unused for a window, so a stranger with many addresses costs a
 * bounded amount of memory. The counting itself is written here because no library on James's classpath counts
 * failures with decaying windows and growing delays per key. Thread-safe.
 */
public final class AuthThrottle {
    public static final int FREE_FAILURES = 3;
    public static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    public static final Duration MAX_DELAY = Duration.ofSeconds(30);
    public static final Duration KNOWN_FOR = Duration.ofDays(30);
    // An account's clients are few (application servers); a cap keeps a name's entry small whatever happens.
    private static final int KNOWN_ADDRESSES_PER_ACCOUNT = 32;

    /** The settings: failures before a lock, per address and per account name (0: no limit by name), and the window. */
    public static final class Limits {
        public static final Limits DEFAULT = new Limits(10, 20, Duration.ofMinutes(15), 100_000);

        private final int failuresPerAddress;
        private final int failuresPerAccount;
        private final Duration window;
        private final int maxTracked;

        public Limits(int failuresPerAddress, int failuresPerAccount, Duration window, int maxTracked) {
            if (failuresPerAddress < 1 || failuresPerAccount < 0 || window.isNegative() || window.isZero() || maxTracked < 1) {
                throw new IllegalArgumentException("Invalid AUTH limits: " + failuresPerAddress + " per address, "
                    + failuresPerAccount + " per account, window " + window + ", " + maxTracked + " tracked");
            }
            this.failuresPerAddress = failuresPerAddress;
            this.failuresPerAccount = failuresPerAccount;
            this.window = window;
            this.maxTracked = maxTracked;
        }

        public int failuresPerAddress() {
            return failuresPerAddress;
        }

        public int failuresPerAccount() {
            return failuresPerAccount;
        }

        public Duration window() {
            return window;
        }

        public int maxTracked() {
            return maxTracked;
        }

        @Override
        public boolean equals(Object o) {
            if (o instanceof Limits) {
                Limits that = (Limits) o;
                return failuresPerAddress == that.failuresPerAddress && failuresPerAccount == that.failuresPerAccount
                    && window.equals(that.window) && maxTracked == that.maxTracked;
            }
            return false;
        }

        @Override
        public int hashCode() {
            return Objects.hash(failuresPerAddress, failuresPerAccount, window, maxTracked);
        }

        @Override
        public String toString() {
            return "Limits{failuresPerAddress=" + failuresPerAddress + ", failuresPerAccount=" + failuresPerAccount
                + ", window=" + window + ", maxTracked=" + maxTracked + "}";
        }
    }

    /** Why an attempt is refused before its password is checked. */
    public enum Refusal {
        /** The address failed too often: refused until the window has passed. */
        ADDRESS_LOCKED,
        /** The name failed too often, from addresses that never authenticated as it. */
        ACCOUNT_LOCKED,
        /** A recent failure asks the address or the name to wait a little. */
        WAIT
    }

    /** An attempt refused, and for how long at least. */
    public static final class Refused {
        private final Refusal reason;
        private final Duration retryAfter;

        private Refused(Refusal reason, Duration retryAfter) {
            this.reason = reason;
            this.retryAfter = retryAfter;
        }

        public Refusal reason() {
            return reason;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** What a failure costs: how long to wait before the next attempt, and the counts it brought. */
    public static final class Penalty {
        private final Duration delay;
        private final int addressFailures;
        private final boolean addressLocked;

        private Penalty(Duration delay, int addressFailures, boolean addressLocked) {
            this.delay = delay;
            this.addressFailures = addressFailures;
            this.addressLocked = addressLocked;
        }

        public Duration delay() {
            return delay;
        }

        public int addressFailures() {
            return addressFailures;
        }

        /** Whether this failure reached the address's limit: its next attempts are refused for the window. */
        public boolean addressLocked() {
            return addressLocked;
        }
    }

    private static final class Failures {
        private int count;
        private Instant last = Instant.MIN;
        private Instant notBefore = Instant.MIN;

        private void forgetIfOlderThan(Instant start) {
            if (!last.isAfter(start)) {
                count = 0;
                notBefore = Instant.MIN;
            }
        }
    }

    private final Limits limits;
    private final Clock clock;
    private final Map<String, Failures> byAddress;
    private final Map<String, Failures> byAccount;
    private final Map<String, Map<String, Instant>> knownAddresses;

    public AuthThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        // An entry unused for a whole window holds nothing worth keeping: its failures would be forgotten anyway.
        this.byAddress = capped(limits.maxTracked(), limits.window());
        this.byAccount = capped(limits.maxTracked(), limits.window());
        this.knownAddresses = capped(limits.maxTracked(), KNOWN_FOR);
    }

    public Limits limits() {
        return limits;
    }

    /** Whether an attempt may have its password checked now; refused without checking it otherwise. */
    public synchronized Optional<Refused> check(String address, String account) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(limits.window());
        Failures fromAddress = byAddress.get(address);
        if (fromAddress != null) {
            fromAddress.forgetIfOlderThan(windowStart);
            if (fromAddress.count >= limits.failuresPerAddress()) {
                return Optional.of(new Refused(Refusal.ADDRESS_LOCKED, Duration.between(now, fromAddress.last.plus(limits.window()))));
            }
        }
        Failures forAccount = countsAccount(address, account, now) ? byAccount.get(key(account)) : null;
        if (forAccount != null) {
            forAccount.forgetIfOlderThan(windowStart);
            if (forAccount.count >= limits.failuresPerAccount()) {
                return Optional.of(new Refused(Refusal.ACCOUNT_LOCKED, Duration.between(now, forAccount.last.plus(limits.window()))));
            }
        }
        Instant notBefore = later(fromAddress == null ? Instant.MIN : fromAddress.notBefore,
            forAccount == null ? Instant.MIN : forAccount.notBefore);
        if (now.isBefore(notBefore)) {
            return Optional.of(new Refused(Refusal.WAIT, Duration.between(now, notBefore)));
        }
        return Optional.empty();
    }

    /** Counts a failed attempt against the address and the name. */
    public synchronized Penalty failed(String address, String account) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(limits.window());
        Failures fromAddress = byAddress.computeIfAbsent(address, ignored -> new Failures());
        Duration delay = count(fromAddress, now, windowStart);
        if (countsAccount(address, account, now)) {
            delay = max(delay, count(byAccount.computeIfAbsent(key(account), ignored -> new Failures()), now, windowStart));
        }
        return new Penalty(delay, fromAddress.count, fromAddress.count >= limits.failuresPerAddress());
    }

    /** Remembers that the address authenticated as the name: it is exempt from the name's limit for a while. */
    public synchronized void succeeded(String address, String account) {
        Instant now = clock.instant();
        Map<String, Instant> known = knownAddresses.computeIfAbsent(key(account), ignored -> capped(KNOWN_ADDRESSES_PER_ACCOUNT, KNOWN_FOR));
        known.put(address, now);
    }

    private Duration count(Failures failures, Instant now, Instant windowStart) {
        failures.forgetIfOlderThan(windowStart);
        failures.count++;
        failures.last = now;
        Duration delay = delayAfter(failures.count);
        failures.notBefore = now.plus(delay);
        return delay;
    }

    /** The wait after the {@code failures}-th failure: none for the free ones, then doubling up to the maximum. */
    static Duration delayAfter(int failures) {
        int beyondFree = failures - FREE_FAILURES;
        if (beyondFree <= 0) {
            return Duration.ZERO;
        }
        // 2^5 seconds already exceeds the maximum: the shift stays small whatever the count
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(beyondFree - 1, 5));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    // Names are limited unless the limit is off, and never for the addresses their own clients use.
    private boolean countsAccount(String address, String account, Instant now) {
        return limits.failuresPerAccount() > 0 && !isKnown(address, account, now);
    }

    private boolean isKnown(String address, String account, Instant now) {
        Map<String, Instant> known = knownAddresses.get(key(account));
        if (known == null) {
            return false;
        }
        Instant since = known.get(address);
        return since != null && !since.isBefore(now.minus(KNOWN_FOR));
    }

    // Names are compared case-insensitively: "Shop" must not be a fresh name to guess at when "shop" is locked.
    private static String key(String account) {
        return account.toLowerCase(Locale.ROOT);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static <V> Map<String, V> capped(int capacity, Duration unusedFor) {
        return CacheBuilder.newBuilder()
            .maximumSize(capacity)
            .expireAfterAccess(unusedFor)
            .<String, V>build()
            .asMap();
    }

    /** How many addresses and names the tables hold: at most twice {@link Limits#maxTracked()}. */
    synchronized int tracked() {
        return byAddress.size() + byAccount.size();
    }
}
