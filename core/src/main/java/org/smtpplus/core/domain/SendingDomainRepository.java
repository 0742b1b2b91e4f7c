package org.smtpplus.core.domain;

import java.util.List;
import java.util.Optional;

/** Where sending domains and their keys live: with the Cassandra store, every node signs with the same keys. */
public interface SendingDomainRepository {
    Optional<SendingDomain> get(String domain);

    /** Every sending domain, the relay's own included, in the order of their names. */
    List<SendingDomain> list();

    /** Creates or replaces the domain. */
    void put(SendingDomain domain);

    /** Creates the domain unless one of that name exists, atomically; true when this call created it. */
    boolean insertIfAbsent(SendingDomain domain);

    /** True when it existed. */
    boolean delete(String domain);
}
