package org.smtpplus.core.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** What the last DNS readiness check of a sending domain found (docs/deliverability.md explains each value). */
public final class DomainStatus {
    /** The DKIM TXT record: published and equal to the key, absent, different, or the lookup timed out. */
    public enum Dkim {
        OK, MISSING, MISMATCH, TEMPERROR;

        public String asJson() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A record that only has to be there and name the right thing (the return path's MX, the DMARC record). */
    public enum Presence {
        OK, MISSING, TEMPERROR;

        public String asJson() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** RFC 7208 section 2.6: the results of an SPF check. */
    public enum Spf {
        PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, PERMERROR, TEMPERROR;

        public String asJson() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Dkim dkim;
    private final Optional<Dkim> nextDkim;
    private final Presence returnPath;
    private final Spf spf;
    private final Presence dmarc;
    private final Instant checkedAt;

    /** @param nextDkim the record of the key a rotation waits for, when one does */
    public DomainStatus(Dkim dkim, Optional<Dkim> nextDkim, Presence returnPath, Spf spf, Presence dmarc, Instant checkedAt) {
        this.dkim = Objects.requireNonNull(dkim);
        this.nextDkim = Objects.requireNonNull(nextDkim);
        this.returnPath = Objects.requireNonNull(returnPath);
        this.spf = Objects.requireNonNull(spf);
        this.dmarc = Objects.requireNonNull(dmarc);
        // Stores keep milliseconds: a status read back equals the one checked.
        this.checkedAt = Objects.requireNonNull(checkedAt).truncatedTo(ChronoUnit.MILLIS);
    }

    public Dkim dkim() {
        return dkim;
    }

    public Optional<Dkim> nextDkim() {
        return nextDkim;
    }

    public Presence returnPath() {
        return returnPath;
    }

    public Spf spf() {
        return spf;
    }

    public Presence dmarc() {
        return dmarc;
    }

    public Instant checkedAt() {
        return checkedAt;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof DomainStatus) {
            DomainStatus that = (DomainStatus) o;
            return dkim == that.dkim && nextDkim.equals(that.nextDkim) && returnPath == that.returnPath && spf == that.spf
                && dmarc == that.dmarc && checkedAt.equals(that.checkedAt);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dkim, nextDkim, returnPath, spf, dmarc, checkedAt);
    }

    @Override
    public String toString() {
        return "DomainStatus{dkim=" + dkim + ", nextDkim=" + nextDkim + ", returnPath=" + returnPath + ", spf=" + spf
            + ", dmarc=" + dmarc + ", checkedAt=" + checkedAt + "}";
    }
}
