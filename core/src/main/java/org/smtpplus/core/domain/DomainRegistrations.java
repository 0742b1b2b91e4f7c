package org.smtpplus.core.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.json.JsonDescriptions;

/**
 * What the sending-domain routes do (docs/api.md): register, change, rotate and remove domains, each checked
 * against the accounts and the relay's own DKIM domain before anything is stored.
 */
public final class DomainRegistrations {
    private static final DateTimeFormatter SELECTOR_DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    // The default return path: a subdomain of its own, so that its MX (the relay) leaves the domain's mail alone.
    private static final String RETURN_PATH_LABEL = "bounces.";

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
     * existing domain is refused: that is a rotation).
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
            repository.put(changed);
            domains.changed();
            return new Registered(changed, false);
        }
        if (account.isEmpty()) {
            throw new InvalidDomainException("account", "is required to register " + name);
        }
        Instant now = clock.instant();
        SendingDomain created = new SendingDomain(name, account, returnPath.orElse(RETURN_PATH_LABEL + name),
            DkimKey.generate(request.selector().orElse(SendingDomains.defaultSelector(now)), now), Optional.empty(), Optional.empty());
        if (!repository.insertIfAbsent(created)) {
            // Registered meanwhile by another request: this one changes it as a later PUT would.
            return put(name, request);
        }
        domains.changed();
        return new Registered(created, true);
    }

    /**
     * A new key under a new selector: it waits beside the current one until its record is seen in DNS, or signs at
     * once when {@code now}. Empty when the domain is not registered.
     */
    public Optional<SendingDomain> rotate(String name, Optional<String> selector, boolean now) throws InvalidDomainException {
        Optional<SendingDomain> existing = repository.get(name);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        SendingDomain current = existing.get();
        Instant at = clock.instant();
        String newSelector = selector.isPresent() ? selector.get() : freshSelector(current, at);
        if (newSelector.equals(current.dkim().selector())) {
            throw new InvalidDomainException("selector", "must differ from the current selector " + newSelector);
        }
        SendingDomain rotating = current.rotatingTo(DkimKey.generate(newSelector, at));
        SendingDomain result = now ? rotating.rotated() : rotating;
        repository.put(result);
        domains.changed();
        return Optional.of(result);
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

    /** Removes the domains of an account that is gone. */
    public void deleteOfAccount(String account) {
        for (SendingDomain domain : list(Optional.of(account))) {
            repository.delete(domain.domain());
        }
        domains.changed();
    }

    // s and the day (s20261206), then s20261206b, c... when rotated again the same day.
    private static String freshSelector(SendingDomain domain, Instant now) {
        String base = "s" + SELECTOR_DAY.format(now);
        String selector = base;
        for (char suffix = 'b'; selector.equals(domain.dkim().selector())
            || domain.nextDkim().map(DkimKey::selector).filter(selector::equals).isPresent(); suffix++) {
            selector = base + suffix;
        }
        return selector;
    }
}
