package org.smtpplus.core.domain;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.domain.DomainStatus.Dkim;
import org.smtpplus.core.store.StoreUnavailableException;

/**
 * Runs a sending domain's DNS check and keeps its result, and finishes a key rotation once the next key's record is
 * seen in DNS: from then on receivers can verify what the next key signs.
 */
public final class DomainReadiness {
    private static final Logger LOGGER = LoggerFactory.getLogger(DomainReadiness.class);

    private final DomainChecker checker;
    private final SendingDomainRepository repository;
    private final SendingDomains domains;

    public DomainReadiness(DomainChecker checker, SendingDomainRepository repository, SendingDomains domains) {
        this.checker = checker;
        this.repository = repository;
        this.domains = domains;
    }

    /**
     * Checks the domain now and stores what was found; empty when it is not registered, or was deleted while DNS was
     * asked.
     *
     * @throws ConcurrentDomainChangeException when the domain kept changing while the result was being stored
     */
    public Optional<SendingDomain> check(String name) {
        return repository.get(name).flatMap(this::checkAndSave);
    }

    /**
     * Checks every domain, one after the other, as the daily check does: one that cannot be checked or saved (its
     * error is logged) costs no other. Logs one line for each domain whose findings changed.
     *
     * @throws StoreUnavailableException when the domains cannot be listed
     */
    public void checkAll() {
        for (SendingDomain domain : repository.list()) {
            try {
                checkAndSave(domain).ifPresent(checked -> {
                    String before = findings(domain);
                    String after = findings(checked);
                    if (!before.equals(after)) {
                        LOGGER.info("DNS of sending domain {}: {} (was {})", domain.domain(), after, before);
                    }
                });
            } catch (RuntimeException e) {
                LOGGER.warn("Could not check the DNS records of sending domain {}", domain.domain(), e);
            }
        }
    }

    // What a check found, without when: the selector too, which changes when a rotation completes.
    private static String findings(SendingDomain domain) {
        if (domain.status().isEmpty()) {
            return "not checked yet";
        }
        DomainStatus status = domain.status().get();
        return "dkim=" + status.dkim().asJson() + " (selector " + domain.dkim().selector() + ")"
            + status.nextDkim().map(next -> " dkim-next=" + next.asJson()).orElse("")
            + " returnPath=" + status.returnPath().asJson() + " spf=" + status.spf().asJson() + " dmarc=" + status.dmarc().asJson();
    }

    /**
     * Stores the result with a compare-and-set on the domain as read just before, so that no change made meanwhile
     * (another request, another node's check) is overwritten; a failed one is read and tried again, a bounded number
     * of times. A result about what the domain no longer is (its keys or return path changed while DNS was asked) is
     * dropped, not stored: the request that changed them checks DNS itself before it answers (docs/api.md), and the
     * daily check comes again, so asking DNS once more here would only double the time of a check.
     */
    private Optional<SendingDomain> checkAndSave(SendingDomain domain) {
        DomainStatus status = checker.check(domain);
        for (int attempt = 0; attempt < ConcurrentDomainChangeException.ATTEMPTS; attempt++) {
            Optional<SendingDomain> latest = repository.get(domain.domain());
            if (latest.isEmpty() || !sameRecords(latest.get(), domain)) {
                return latest;
            }
            SendingDomain checked = latest.get().withStatus(status);
            if (status.nextDkim().equals(Optional.of(Dkim.OK))) {
                // What was the next key's status is the signing key's now.
                checked = checked.rotated().withStatus(new DomainStatus(Dkim.OK, Optional.empty(), status.returnPath(), status.spf(),
                    status.dmarc(), status.checkedAt()));
            }
            if (repository.replace(latest.get(), checked)) {
                domains.changed();
                return Optional.of(checked);
            }
        }
        throw new ConcurrentDomainChangeException(domain.domain(), "store the result of its DNS check");
    }

    // What a check looks up: the records of both keys and the return path's MX and SPF (the DMARC record is the
    // domain's own). The account is not looked up: a result stays true when only the account changed.
    private static boolean sameRecords(SendingDomain latest, SendingDomain checked) {
        return latest.dkim().equals(checked.dkim()) && latest.nextDkim().equals(checked.nextDkim())
            && latest.returnPath().equals(checked.returnPath());
    }
}
