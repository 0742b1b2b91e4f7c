package org.smtpplus.core.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.smtpplus.core.store.StoreUnavailableException;

/**
 * The sending domains as mail processing asks for them, many times a second: which key signs a copy, which domain
 * its return path takes, whether a recipient's domain is a return path. Answers come from a snapshot of the whole
 * repository (a relay has some hundreds of domains at most), read again {@link #REFRESH} after the last read, or at
 * once after a change made through this node's routes. With the Cassandra store, a change made on another node is
 * seen within {@link #REFRESH}. When the store cannot answer, the last snapshot serves: a copy is signed with the key
 * it had a moment ago rather than waiting, and with no snapshot at all it waits ({@link StoreUnavailableException}).
 */
public final class SendingDomains {
    public static final Duration REFRESH = Duration.ofSeconds(10);
    private static final DateTimeFormatter SELECTOR_MONTH = DateTimeFormatter.ofPattern("yyyyMM").withZone(ZoneOffset.UTC);

    private final SendingDomainRepository repository;
    private final String relayDomain;
    private final String bounceDomain;
    private final Clock clock;
    private volatile Snapshot snapshot;

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
     */
    public SendingDomain ensureRelayDomain() {
        Instant now = clock.instant();
        SendingDomain created = new SendingDomain(relayDomain, Optional.empty(), bounceDomain,
            DkimKey.generate(defaultSelector(now), now), Optional.empty(), Optional.empty());
        repository.insertIfAbsent(created);
        changed();
        return repository.get(relayDomain).orElse(created);
    }

    public String relayDomainName() {
        return relayDomain;
    }

    /**
     * The domain whose key signs a copy of {@code account} with this From: domain: the nearest registered domain at or
     * above it when it is registered to that account, else the relay's own.
     */
    public SendingDomain signerFor(String account, Optional<String> fromDomain) {
        Snapshot current = current();
        return fromDomain.flatMap(domain -> registeredFor(current, account, domain))
            .orElseGet(() -> relaySigner(current));
    }

    /** The relay's own signing domain (SMTPPLUS_DKIM_DOMAIN), whose key signs mail of no account. */
    public SendingDomain relaySigner() {
        return relaySigner(current());
    }

    private SendingDomain relaySigner(Snapshot current) {
        return Optional.ofNullable(current.domains.get(relayDomain))
            // Not created at start (the store was down then), or deleted from the store by hand.
            .orElseGet(this::ensureRelayDomain);
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
        Snapshot current = snapshot;
        if (current != null) {
            // Still the answer while the store cannot give a newer one.
            snapshot = current.stale();
        }
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
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.readAt.plus(REFRESH))) {
            return current;
        }
        try {
            Snapshot read = new Snapshot(repository, now);
            snapshot = read;
            return read;
        } catch (StoreUnavailableException e) {
            if (current == null) {
                throw e;
            }
            return current;
        }
    }

    private static final class Snapshot {
        private final Map<String, SendingDomain> domains = new HashMap<>();
        private final Set<String> returnPaths = new HashSet<>();
        private final Instant readAt;

        private Snapshot(SendingDomainRepository repository, Instant readAt) {
            this.readAt = readAt;
            for (SendingDomain domain : repository.list()) {
                domains.put(domain.domain(), domain);
                if (!domain.isRelayDomain()) {
                    returnPaths.add(domain.returnPath());
                }
            }
        }

        private Snapshot(Snapshot answers, Instant readAt) {
            this.readAt = readAt;
            domains.putAll(answers.domains);
            returnPaths.addAll(answers.returnPaths);
        }

        private Snapshot stale() {
            return new Snapshot(this, Instant.MIN);
        }
    }
}
