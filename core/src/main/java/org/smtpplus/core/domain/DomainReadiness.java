package org.smtpplus.core.domain;

import java.util.Optional;

import org.smtpplus.core.domain.DomainStatus.Dkim;

/**
 * Runs a sending domain's DNS check and keeps its result, and finishes a key rotation once the next key's record is
 * seen in DNS: from then on receivers can verify what the next key signs.
 */
public final class DomainReadiness {
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

    /** Checks every domain, as the daily check does. */
    public void checkAll() {
        repository.list().forEach(this::checkAndSave);
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
