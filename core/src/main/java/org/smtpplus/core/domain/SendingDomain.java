package org.smtpplus.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A domain the relay signs for: registered to one account, or, without an account, the relay's own
 * (SMTPPLUS_DKIM_DOMAIN), whose key signs every copy no registered domain signs. While a key rotation waits for its
 * record to appear in DNS, the current key still signs and the next one waits beside it.
 */
public final class SendingDomain {
    private final String domain;
    private final Optional<String> account;
    private final String returnPath;
    private final DkimKey dkim;
    private final Optional<DkimKey> nextDkim;
    private final Optional<DomainStatus> status;

    public SendingDomain(String domain, Optional<String> account, String returnPath, DkimKey dkim, Optional<DkimKey> nextDkim,
                         Optional<DomainStatus> status) {
        this.domain = Objects.requireNonNull(domain);
        this.account = Objects.requireNonNull(account);
        this.returnPath = Objects.requireNonNull(returnPath);
        this.dkim = Objects.requireNonNull(dkim);
        this.nextDkim = Objects.requireNonNull(nextDkim);
        this.status = Objects.requireNonNull(status);
    }

    public String domain() {
        return domain;
    }

    /** Empty for the relay's own signing domain. */
    public Optional<String> account() {
        return account;
    }

    public boolean isRelayDomain() {
        return account.isEmpty();
    }

    /** The domain of its copies' VERP return paths: the domain itself or one of its subdomains. */
    public String returnPath() {
        return returnPath;
    }

    /** The key that signs now. */
    public DkimKey dkim() {
        return dkim;
    }

    /** The key of a rotation that waits for its DNS record. */
    public Optional<DkimKey> nextDkim() {
        return nextDkim;
    }

    /** The last DNS readiness check; empty before the first. */
    public Optional<DomainStatus> status() {
        return status;
    }

    public SendingDomain withAccount(String account) {
        return new SendingDomain(domain, Optional.of(account), returnPath, dkim, nextDkim, status);
    }

    public SendingDomain withReturnPath(String returnPath) {
        return new SendingDomain(domain, account, returnPath, dkim, nextDkim, status);
    }

    public SendingDomain withStatus(DomainStatus status) {
        return new SendingDomain(domain, account, returnPath, dkim, nextDkim, Optional.of(status));
    }

    /** A rotation begun: {@code next} waits beside the key that signs. */
    public SendingDomain rotatingTo(DkimKey next) {
        return new SendingDomain(domain, account, returnPath, dkim, Optional.of(next), status);
    }

    /** A rotation done: the next key signs, the old one is forgotten. */
    public SendingDomain rotated() {
        DkimKey next = nextDkim.orElseThrow(() -> new IllegalStateException("No rotation of " + domain + " is under way"));
        return new SendingDomain(domain, account, returnPath, next, Optional.empty(), status);
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof SendingDomain) {
            SendingDomain that = (SendingDomain) o;
            return domain.equals(that.domain) && account.equals(that.account) && returnPath.equals(that.returnPath)
                && dkim.equals(that.dkim) && nextDkim.equals(that.nextDkim) && status.equals(that.status);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, account, returnPath, dkim, nextDkim, status);
    }

    @Override
    public String toString() {
        return "SendingDomain{domain=" + domain + ", account=" + account + ", returnPath=" + returnPath + ", dkim=" + dkim
            + ", nextDkim=" + nextDkim + ", status=" + status + "}";
    }
}
