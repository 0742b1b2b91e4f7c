package org.smtpplus.core.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.smtpplus.core.address.DomainNames;
import org.smtpplus.core.store.StoreUnavailableException;

/**
 * The sending domains as mail processing asks for them, many times a second: which key signs a copy, which domain
 * its return path takes, whether a recipient's domain is a return path. Answers come from a snapshot of the whole
 * repository (a relay has some hundreds of domains at most), read again {@link #REFRESH} after the last read, or at
 * once after a change made through this node's routes. With the Cassandra store, a change made on another node is
 * seen within {@link #REFRESH}.
 *
 * <p>One thread reads the store at a time; the others keep answering from the snapshot they have. When the store
 * cannot answer, the last snapshot serves (a copy is signed with the key it had a moment ago rather than waiting) and
 * the store is asked again only {@link #RETRY} later: every RCPT of every SMTP session asks whether its domain is a
 * return path, and each read of a store that is down holds its thread for the driver's timeout. With no snapshot at
 * all, callers wait ({@link StoreUnavailableException}).</p>
 */
public final class SendingDomains {
    public static final Duration REFRESH = Duration.ofSeconds(10);
    /** After a failed store call, how long the lookups answer without asking the store again. */
    public static final Duration RETRY = Duration.ofSeconds(2);
    private static final DateTimeFormatter SELECTOR_MONTH = DateTimeFormatter.ofPattern("yyyyMM").withZone(ZoneOffset.UTC);

    private final SendingDomainRepository repository;
    private final String relayDomain;
    private final String bounceDomain;
    private final Clock clock;
    private final ReentrantLock reading = new ReentrantLock();
    /** Counts {@link #changed} calls: a snapshot whose read began before the latest change is out of date. */
    private final AtomicLong changes = new AtomicLong();
    private volatile Snapshot snapshot;
    private volatile Failure readFailure;
    private Failure creationFailure;
    // RSA 2048 takes a good fraction of a second: the relay's key is made once, and kept until a store holds it.
    private SendingDomain relayCandidate;

    public SendingDomains(SendingDomainRepository repository, String relayDomain, String bounceDomain, Clock clock) {
        this.repository = repository;
        this.relayDomain = relayDomain;
        this.bounceDomain = bounceDomain;
        this.clock = clock;
    }

    /** A selector for a key made now, when none is given: {@code s} and the year and month, like {@code s202612}. */
    public static String defaultSelector(Instant now) {
        return "s" + SELECTOR_MONTH.format(now);
    }

    /**
     * Creates the relay's own signing domain (SMTPPLUS_DKIM_DOMAIN) with a new key unless it exists: called at start,
     * by every node, so that the first one's key is the one all of them sign with.
     *
     * @throws RelayDomainTakenException when that domain is registered to an account: its key is the account's
     */
    public SendingDomain ensureRelayDomain() {
        SendingDomain candidate = relayCandidate();
        SendingDomain stored;
        if (repository.insertIfAbsent(candidate)) {
            stored = candidate;
        } else {
            // Deleted again in between when empty: the candidate is what this call made.
            stored = repository.get(relayDomain).orElse(candidate);
        }
        forgetRelayCandidate(candidate);
        changed();
        return withoutAccount(stored);
    }

    private synchronized SendingDomain relayCandidate() {
        if (relayCandidate == null) {
            Instant now = clock.instant();
            relayCandidate = new SendingDomain(relayDomain, Optional.empty(), bounceDomain,
                DkimKey.generate(defaultSelector(now), now), Optional.empty(), Optional.empty());
        }
        return relayCandidate;
    }

    // The store answered: a later creation (the row deleted by hand) deserves a key of its own.
    private synchronized void forgetRelayCandidate(SendingDomain candidate) {
        if (relayCandidate == candidate) {
            relayCandidate = null;
        }
    }

    private SendingDomain withoutAccount(SendingDomain relay) {
        if (relay.account().isPresent()) {
            throw new RelayDomainTakenException(relay);
        }
        return relay;
    }

    public String relayDomainName() {
        return relayDomain;
    }

    /**
     * The domain whose key signs a copy of {@code account} with this From: domain: the nearest registered domain at or
     * above it when it is registered to that account, else the relay's own.
     *
     * @throws RelayDomainTakenException when the relay's own domain is needed and is registered to an account
     */
    public SendingDomain signerFor(String account, Optional<String> fromDomain) {
        Snapshot current = current();
        return fromDomain.flatMap(domain -> registeredFor(current, account, domain))
            .orElseGet(() -> relaySigner(current));
    }

    /**
     * The relay's own signing domain (SMTPPLUS_DKIM_DOMAIN), whose key signs mail of no account.
     *
     * @throws RelayDomainTakenException when it is registered to an account: signing with it would sign every
     *     account's mail with that account's key
     */
    public SendingDomain relaySigner() {
        return relaySigner(current());
    }

    private SendingDomain relaySigner(Snapshot current) {
        SendingDomain relay = current.domains.get(relayDomain);
        if (relay != null) {
            return withoutAccount(relay);
        }
        // Not created at start (the store was down then), or deleted from the store by hand.
        return createRelayDomain();
    }

    // One attempt at a time, and none within RETRY of a failed one: each copy to sign would make one otherwise.
    private synchronized SendingDomain createRelayDomain() {
        Failure failed = creationFailure;
        if (failed != null && failed.stillHolds(clock.instant())) {
            throw failed.again("the relay's own DKIM domain " + relayDomain + " could not be created");
        }
        try {
            SendingDomain created = ensureRelayDomain();
            creationFailure = null;
            return created;
        } catch (StoreUnavailableException e) {
            creationFailure = new Failure(e, clock.instant());
            throw e;
        }
    }

    /** The domain of the VERP return path of a copy of {@code account} with this From: domain. */
    public String returnPathFor(String account, Optional<String> fromDomain) {
        Snapshot current = current();
        return fromDomain.flatMap(domain -> registeredFor(current, account, domain))
            .map(SendingDomain::returnPath)
            .orElse(bounceDomain);
    }

    /** Whether mail to this domain is mail to a return path: the bounce domain, or a registered domain's. */
    public boolean isReturnPathDomain(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        return name.equals(bounceDomain) || current().returnPaths.contains(name);
    }

    /** Read the repository again at the next question: this node has just changed it. */
    public void changed() {
        changes.incrementAndGet();
    }

    private static Optional<SendingDomain> registeredFor(Snapshot current, String account, String fromDomain) {
        Optional<String> name = DomainNames.normalise(fromDomain);
        while (name.isPresent()) {
            SendingDomain registered = current.domains.get(name.get());
            if (registered != null) {
                // The nearest registered domain decides: one of another account never signs for this one.
                return registered.account().filter(account::equals).map(owner -> registered);
            }
            name = DomainNames.parent(name.get());
        }
        return Optional.empty();
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current != null && current.isFresh(changes.get(), clock.instant())) {
            return current;
        }
        if (current != null && current.generation == changes.get()) {
            // Only old: another thread reads the store now, and the snapshot it replaces serves meanwhile.
            if (!reading.tryLock()) {
                return current;
            }
        } else {
            // Nothing to answer with, or this node changed a domain since the snapshot was read (a copy sent right after
            // a PUT must see it): wait for the read, which begins after the change or is followed by one that does.
            reading.lock();
        }
        try {
            return read();
        } finally {
            reading.unlock();
        }
    }

    private Snapshot read() {
        Snapshot current = snapshot;
        long generation = changes.get();
        Instant now = clock.instant();
        if (current != null && current.isFresh(generation, now)) {
            return current;
        }
        Failure failed = readFailure;
        if (failed != null && failed.stillHolds(now)) {
            if (current == null) {
                throw failed.again("no sending domain has been read yet");
            }
            return current;
        }
        try {
            // Stamped with the count of changes before the read: a change made during it leaves the snapshot out of date.
            Snapshot read = new Snapshot(repository.list(), now, generation);
            readFailure = null;
            snapshot = read;
            return read;
        } catch (StoreUnavailableException e) {
            readFailure = new Failure(e, clock.instant());
            if (current == null) {
                throw e;
            }
            return current;
        }
    }

    /** A failed store call, which answers for it until {@link #RETRY} has passed. */
    private static final class Failure {
        private final StoreUnavailableException cause;
        private final Instant at;

        private Failure(StoreUnavailableException cause, Instant at) {
            this.cause = cause;
            this.at = at;
        }

        private boolean stillHolds(Instant now) {
            return now.isBefore(at.plus(RETRY));
        }

        private StoreUnavailableException again(String what) {
            return new StoreUnavailableException("SendingDomains: " + what + "; the store failed at " + at
                + ", asked again after " + RETRY.toSeconds() + " s: " + cause.getMessage(), cause);
        }
    }

    private static final class Snapshot {
        private final Map<String, SendingDomain> domains = new HashMap<>();
        private final Set<String> returnPaths = new HashSet<>();
        private final Instant readAt;
        private final long generation;

        private Snapshot(List<SendingDomain> read, Instant readAt, long generation) {
            this.readAt = readAt;
            this.generation = generation;
            for (SendingDomain domain : read) {
                domains.put(domain.domain(), domain);
                if (!domain.isRelayDomain()) {
                    returnPaths.add(domain.returnPath());
                }
            }
        }

        private boolean isFresh(long changes, Instant now) {
            return generation == changes && now.isBefore(readAt.plus(REFRESH));
        }
    }
}
