package org.smtpplus.core.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.address.DomainNames;
import org.smtpplus.core.json.JsonDescriptions;

/**
 * What the sending-domain routes do (docs/api.md): register, change, rotate and remove domains, each checked
 * against the accounts and the relay's own DKIM domain before anything is stored.
 */
public final class DomainRegistrations {
    private static final DateTimeFormatter SELECTOR_DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    // The default return path: a subdomain of its own, so that its MX (the relay) leaves the domain's mail alone.
    private static final String RETURN_PATH_LABEL = "bounces.";
    private static final String DAY_ORDINAL = "-";
    private static final int MAX_ORDINAL_DIGITS = 9;

    /** The domain as stored, and whether this call created it. */
    public static final class Registered {
        private final SendingDomain domain;
        private final boolean created;

        Registered(SendingDomain domain, boolean created) {
            this.domain = domain;
            this.created = created;
        }

        public SendingDomain domain() {
            return domain;
        }

        public boolean created() {
            return created;
        }
    }

    private final SendingDomainRepository repository;
    private final AccountRepository accounts;
    private final SendingDomains domains;
    private final Clock clock;

    public DomainRegistrations(SendingDomainRepository repository, AccountRepository accounts, SendingDomains domains, Clock clock) {
        this.repository = repository;
        this.accounts = accounts;
        this.domains = domains;
        this.clock = clock;
    }

    /** The domain name of a route's path, normalised. */
    public static String domainName(String value) throws InvalidDomainException {
        return DomainNames.normalise(value).orElseThrow(() -> new InvalidDomainException("domain",
            "must be a domain name of two labels or more, got " + JsonDescriptions.UNICODE.quote(value)));
    }

    public Optional<SendingDomain> get(String domain) {
        return repository.get(domain);
    }

    /** Every domain, or those of one account; the relay's own with no account filter only. */
    public List<SendingDomain> list(Optional<String> account) {
        return repository.list().stream()
            .filter(domain -> account.isEmpty() || domain.account().equals(account))
            .collect(Collectors.toList());
    }

    /**
     * Creates the domain with a new key, or changes its account and return path; the key stays (a new selector of an
     * existing domain is refused: that is a rotation). A change is a compare-and-set on the domain as read, tried again
     * on a fresh read when another write came between, so that a rotation or a DNS result stored meanwhile is kept.
     *
     * @throws ConcurrentDomainChangeException when the domain kept changing during every attempt
     */
    public Registered put(String name, DomainRequest request) throws InvalidDomainException {
        if (name.equals(domains.relayDomainName())) {
            throw new InvalidDomainException("domain", name + " is the relay's own DKIM domain (SMTPPLUS_DKIM_DOMAIN): "
                + "it signs for no account; rotate its key with POST /smtpplus/domains/" + name + "/dkim/rotate");
        }
        Optional<String> account = request.account();
        if (account.isPresent() && accounts.get(account.get()).isEmpty()) {
            throw new InvalidDomainException("account", "no account named " + JsonDescriptions.UNICODE.quote(account.get()));
        }
        Optional<String> returnPath = request.returnPath();
        if (returnPath.isPresent() && !DomainNames.isWithin(returnPath.get(), name)) {
            throw new InvalidDomainException("returnPath", "must be " + name + " or one of its subdomains, got " + returnPath.get());
        }
        // made once, at the first attempt that finds no domain: an RSA 2048 key takes a good fraction of a second
        Optional<SendingDomain> created = Optional.empty();
        for (int attempt = 0; attempt < ConcurrentDomainChangeException.ATTEMPTS; attempt++) {
            Optional<SendingDomain> existing = repository.get(name);
            if (existing.isPresent()) {
                SendingDomain current = existing.get();
                if (request.selector().isPresent() && !request.selector().get().equals(current.dkim().selector())) {
                    throw new InvalidDomainException("selector", "is " + current.dkim().selector() + " for " + name
                        + ": a new selector comes with a new key, by POST /smtpplus/domains/" + name + "/dkim/rotate");
                }
                SendingDomain changed = current;
                if (account.isPresent()) {
                    changed = changed.withAccount(account.get());
                }
                if (returnPath.isPresent()) {
                    changed = changed.withReturnPath(returnPath.get());
                }
                if (repository.replace(current, changed)) {
                    domains.changed();
                    return new Registered(changed, false);
                }
            } else {
                if (account.isEmpty()) {
                    throw new InvalidDomainException("account", "is required to register " + name);
                }
                if (created.isEmpty()) {
                    Instant now = clock.instant();
                    created = Optional.of(new SendingDomain(name, account, returnPath.orElse(RETURN_PATH_LABEL + name),
                        DkimKey.generate(request.selector().orElse(SendingDomains.defaultSelector(now)), now), Optional.empty(),
                        Optional.empty()));
                }
                // Registered meanwhile by another request when false: the next attempt changes it as a later PUT would.
                if (repository.insertIfAbsent(created.get())) {
                    domains.changed();
                    return new Registered(created.get(), true);
                }
            }
        }
        throw new ConcurrentDomainChangeException(name, "register or change it");
    }

    /**
     * A new key under a new selector: it waits beside the current one until its record is seen in DNS, or signs at
     * once when {@code now}. Empty when the domain is not registered. A compare-and-set on the domain as read, as
     * {@link #put} does: a change stored meanwhile is kept, or the rotation fails, never half of each.
     *
     * @throws ConcurrentDomainChangeException when the domain kept changing during every attempt
     */
    public Optional<SendingDomain> rotate(String name, Optional<String> selector, boolean now) throws InvalidDomainException {
        Instant at = clock.instant();
        // made once, as the first attempt finds the domain; a later attempt may only give it another fresh selector
        Optional<DkimKey> key = Optional.empty();
        for (int attempt = 0; attempt < ConcurrentDomainChangeException.ATTEMPTS; attempt++) {
            Optional<SendingDomain> existing = repository.get(name);
            if (existing.isEmpty()) {
                return Optional.empty();
            }
            SendingDomain current = existing.get();
            String newSelector = selector.isPresent() ? selector.get() : freshSelector(current, at);
            if (newSelector.equals(current.dkim().selector())) {
                throw new InvalidDomainException("selector", "must differ from the current selector " + newSelector);
            }
            if (key.isEmpty()) {
                key = Optional.of(DkimKey.generate(newSelector, at));
            }
            SendingDomain rotating = current.rotatingTo(key.get().withSelector(newSelector));
            SendingDomain result = now ? rotating.rotated() : rotating;
            if (repository.replace(current, result)) {
                domains.changed();
                return Optional.of(result);
            }
        }
        throw new ConcurrentDomainChangeException(name, "rotate its key");
    }

    /** True when it existed. The relay's own domain cannot be removed: every copy needs its key. */
    public boolean delete(String name) throws InvalidDomainException {
        if (name.equals(domains.relayDomainName())) {
            throw new InvalidDomainException("domain", name + " is the relay's own DKIM domain (SMTPPLUS_DKIM_DOMAIN): "
                + "every copy no sending domain signs needs its key");
        }
        boolean existed = repository.delete(name);
        domains.changed();
        return existed;
    }

    /**
     * Removes the domains of an account that is gone: each only while it is still the account's, so that a domain
     * given to another account meanwhile stays with it.
     *
     * @throws ConcurrentDomainChangeException when a domain kept changing during every attempt to remove it
     */
    public void deleteOfAccount(String account) {
        try {
            for (SendingDomain domain : list(Optional.of(account))) {
                deleteWhileOf(domain, account);
            }
        } finally {
            domains.changed();
        }
    }

    private void deleteWhileOf(SendingDomain listed, String account) {
        Optional<SendingDomain> current = Optional.of(listed);
        for (int attempt = 0; attempt < ConcurrentDomainChangeException.ATTEMPTS; attempt++) {
            if (current.isEmpty() || !current.get().account().equals(Optional.of(account))
                || repository.deleteIfUnchanged(current.get())) {
                return;
            }
            current = repository.get(listed.domain());
        }
        throw new ConcurrentDomainChangeException(listed.domain(), "remove it with account " + account);
    }

    /**
     * {@code s} and the day ({@code s20261206}), then {@code s20261206-2}, {@code -3}... when rotated again the same
     * day: one more than the highest of the domain's two selectors of that day, so that a day's selectors never repeat
     * (a resolver may still hold the record of one used that morning) and stay DNS labels however many there are.
     */
    private static String freshSelector(SendingDomain domain, Instant now) {
        String base = "s" + SELECTOR_DAY.format(now);
        long highest = 0;
        for (String selector : selectors(domain)) {
            highest = Math.max(highest, ordinalOfDay(base, selector));
        }
        return highest == 0 ? base : base + DAY_ORDINAL + (highest + 1);
    }

    private static List<String> selectors(SendingDomain domain) {
        return domain.nextDkim().isPresent()
            ? List.of(domain.dkim().selector(), domain.nextDkim().get().selector())
            : List.of(domain.dkim().selector());
    }

    // 1 for the day's first selector, N for its Nth, 0 for any other selector (a longer number cannot collide).
    private static long ordinalOfDay(String base, String selector) {
        if (selector.equals(base)) {
            return 1;
        }
        String ordinal = selector.startsWith(base + DAY_ORDINAL) ? selector.substring(base.length() + DAY_ORDINAL.length()) : "";
        if (ordinal.isEmpty() || ordinal.length() > MAX_ORDINAL_DIGITS || !ordinal.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return Long.parseLong(ordinal);
    }
}
