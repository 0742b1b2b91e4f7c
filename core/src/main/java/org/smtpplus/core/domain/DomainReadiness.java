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

    /** Checks the domain now and stores what was found; empty when it is not registered. */
    public Optional<SendingDomain> check(String name) {
        return repository.get(name).map(this::checkAndSave);
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
                SendingDomain checked = checkAndSave(domain);
                String before = findings(domain);
                String after = findings(checked);
                if (!before.equals(after)) {
                    LOGGER.info("DNS of sending domain {}: {} (was {})", domain.domain(), after, before);
                }
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

    private SendingDomain checkAndSave(SendingDomain domain) {
        DomainStatus status = checker.check(domain);
        Optional<SendingDomain> latest = repository.get(domain.domain());
        // Deleted, or its keys changed (a rotation) while DNS was asked: what was found is about keys it no longer has.
        if (latest.isEmpty() || !latest.get().dkim().equals(domain.dkim()) || !latest.get().nextDkim().equals(domain.nextDkim())) {
            return latest.orElse(domain.withStatus(status));
        }
        SendingDomain checked = latest.get().withStatus(status);
        if (status.nextDkim().equals(Optional.of(Dkim.OK))) {
            // What was the next key's status is the signing key's now.
            checked = checked.rotated().withStatus(new DomainStatus(Dkim.OK, Optional.empty(), status.returnPath(), status.spf(),
                status.dmarc(), status.checkedAt()));
        }
        repository.put(checked);
        domains.changed();
        return checked;
    }
}
