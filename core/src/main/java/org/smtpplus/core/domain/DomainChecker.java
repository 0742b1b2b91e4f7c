package org.smtpplus.core.domain;

/** Looks the DNS records of a sending domain up (docs/deliverability.md says what each status means). */
public interface DomainChecker {
    /**
     * Checks the domain's records against {@link DnsRecords} now. Never fails for DNS trouble: a lookup that times
     * out or fails is a {@code temperror} status.
     */
    DomainStatus check(SendingDomain domain);
}
