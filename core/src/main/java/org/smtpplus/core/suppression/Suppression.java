package org.smtpplus.core.suppression;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.smtpplus.core.address.EmailAddresses;

/**
 * An address that gets no mail (docs/api.md#suppressions): for one list, or globally when {@link #list()} is empty.
 */
public final class Suppression {
    private final String address;
    private final Optional<String> list;
    private final SuppressionReason reason;
    private final Instant at;

    public Suppression(String address, Optional<String> list, SuppressionReason reason, Instant at) {
        this.address = EmailAddresses.normalise(Objects.requireNonNull(address));
        this.list = Objects.requireNonNull(list);
        this.reason = Objects.requireNonNull(reason);
        this.at = Objects.requireNonNull(at);
    }

    public String address() {
        return address;
    }

    public Optional<String> list() {
        return list;
    }

    public boolean isGlobal() {
        return list.isEmpty();
    }

    /** Whether this entry keeps mail of {@code list} from its address. */
    public boolean covers(String list) {
        return this.list.map(list::equals).orElse(true);
    }

    public SuppressionReason reason() {
        return reason;
    }

    public Instant at() {
        return at;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Suppression) {
            Suppression that = (Suppression) o;
            return address.equals(that.address) && list.equals(that.list) && reason == that.reason && at.equals(that.at);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, list, reason, at);
    }

    @Override
    public String toString() {
        return "Suppression{" + address + ", list=" + list.orElse("(global)") + ", " + reason.asJson() + ", " + at + "}";
    }
}
