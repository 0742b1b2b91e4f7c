package org.smtpplus.core.domain;

import java.util.List;
import java.util.Optional;

/** Where sending domains and their keys live: with the Cassandra store, every node signs with the same keys. */
public interface SendingDomainRepository {
    Optional<SendingDomain> get(String domain);

    /** Every sending domain, the relay's own included, in the order of their names. */
    List<SendingDomain> list();

    /**
     * Compare-and-set: stores {@code updated} only when the domain of that name is stored and still equals
     * {@code expected} in every field (account, return path, both keys and the status), atomically. False, and nothing
     * stored, when it was deleted or anything of it changed since {@code expected} was read: the caller reads it
     * again and decides anew. The whole domain is compared, the status included, so that no write is ever made on a
     * domain its writer has not seen.
     *
     * @throws IllegalArgumentException when the two are not of the same domain
     */
    boolean replace(SendingDomain expected, SendingDomain updated);

    /** Creates the domain unless one of that name exists, atomically; true when this call created it. */
    boolean insertIfAbsent(SendingDomain domain);

    /** True when it existed. */
    boolean delete(String domain);

    /**
     * Deletes the domain only when it is stored and still equals {@code expected} in every field, as {@link #replace}
     * compares; true when this call deleted it.
     */
    boolean deleteIfUnchanged(SendingDomain expected);

    /** What every {@link #replace} checks first: a replacement cannot rename a domain. */
    static void requireSameName(SendingDomain expected, SendingDomain updated) {
        if (!expected.domain().equals(updated.domain())) {
            throw new IllegalArgumentException("A replacement of sending domain " + expected.domain() + " is of domain "
                + updated.domain());
        }
    }
}
