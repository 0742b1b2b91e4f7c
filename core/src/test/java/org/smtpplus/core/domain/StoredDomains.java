package org.smtpplus.core.domain;

/** Test set-up: a domain stored whatever was stored before, which the port offers no call for (see its writes). */
public final class StoredDomains {
    private StoredDomains() {
    }

    /** Replaces the row of that name as it is now, or creates it. */
    public static void overwrite(SendingDomainRepository repository, SendingDomain domain) {
        boolean written = repository.get(domain.domain())
            .map(stored -> repository.replace(stored, domain))
            .orElseGet(() -> repository.insertIfAbsent(domain));
        if (!written) {
            throw new IllegalStateException("Another writer changed " + domain.domain() + " during the set-up");
        }
    }
}
