package org.smtpplus.core.suppression;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.smtpplus.core.address.EmailAddresses;
import org.smtpplus.core.json.JsonDescriptions;

/**
 * A validated {@code PUT /smtpplus/suppressions/{address}} body: why, and for which list (empty: globally).
 */
public final class SuppressionRequest {
    private final SuppressionReason reason;
    private final Optional<String> list;

    public SuppressionRequest(SuppressionReason reason, Optional<String> list) {
        this.reason = Objects.requireNonNull(reason);
        this.list = Objects.requireNonNull(list);
    }

    public SuppressionReason reason() {
        return reason;
    }

    public Optional<String> list() {
        return list;
    }

    /**
     * This request with the list the query string names ({@code ?list=}, as {@code GET} and {@code DELETE} take it),
     * when the body names none: a list named either way is never taken for a global entry.
     *
     * @throws InvalidSuppressionException when the query string and the body name different lists
     */
    public SuppressionRequest withQueryList(Optional<String> queryList) throws InvalidSuppressionException {
        if (queryList.isEmpty() || queryList.equals(list)) {
            return this;
        }
        if (list.isPresent()) {
            throw new InvalidSuppressionException("list", "the query string names " + JsonDescriptions.UNICODE.quote(queryList.get())
                + " and the body " + JsonDescriptions.UNICODE.quote(list.get()));
        }
        return new SuppressionRequest(reason, queryList);
    }

    /**
     * @throws InvalidSuppressionException when the address of the path is not an email address
     */
    public Suppression toSuppression(String address, Instant at) throws InvalidSuppressionException {
        if (!EmailAddresses.isValid(address)) {
            throw new InvalidSuppressionException("address", EmailAddresses.refusal(address, JsonDescriptions.UNICODE));
        }
        return new Suppression(address, list, reason, at);
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof SuppressionRequest) {
            SuppressionRequest that = (SuppressionRequest) o;
            return reason == that.reason && list.equals(that.list);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, list);
    }

    @Override
    public String toString() {
        return "SuppressionRequest{" + reason.asJson() + ", list=" + list.orElse("(global)") + "}";
    }
}
