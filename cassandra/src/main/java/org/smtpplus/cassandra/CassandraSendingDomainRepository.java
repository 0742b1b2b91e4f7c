package org.smtpplus.cassandra;

import static org.smtpplus.cassandra.CassandraFailures.translated;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.smtpplus.core.domain.SendingDomain;
import org.smtpplus.core.domain.SendingDomainRepository;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * Sending domains and their DKIM keys in table {@code sending_domains} ({@link SendingDomainDAO}), shared by every
 * node of the relay, which therefore all sign with the same keys. Only lightweight transactions write the table:
 * {@link #insertIfAbsent} lets exactly one of the nodes starting at once create the relay's own key,
 * {@link #replace} and {@link #deleteIfUnchanged} write only over the row their caller read, and {@link #delete}
 * answers true to exactly one of concurrent deletes. docs/cassandra-schema.md gives the reasoning.
 */
public class CassandraSendingDomainRepository implements SendingDomainRepository {
    private final SendingDomainDAO dao;

    public CassandraSendingDomainRepository(CqlSession session) {
        this.dao = new SendingDomainDAO(session);
    }

    @Override
    public Optional<SendingDomain> get(String domain) {
        return translated("SendingDomainRepository.get", () -> dao.select(domain));
    }

    /** Reads the whole table and sorts here: a relay has some hundreds of sending domains at most. */
    @Override
    public List<SendingDomain> list() {
        return translated("SendingDomainRepository.list", dao::selectAll).stream()
            .sorted(Comparator.comparing(SendingDomain::domain))
            .collect(Collectors.toList());
    }

    @Override
    public boolean replace(SendingDomain expected, SendingDomain updated) {
        SendingDomainRepository.requireSameName(expected, updated);
        return translated("SendingDomainRepository.replace", () -> dao.updateIfUnchanged(expected, updated));
    }

    @Override
    public boolean insertIfAbsent(SendingDomain domain) {
        return translated("SendingDomainRepository.insertIfAbsent", () -> dao.insertIfNotExists(domain));
    }

    @Override
    public boolean delete(String domain) {
        return translated("SendingDomainRepository.delete", () -> dao.deleteIfExists(domain));
    }

    @Override
    public boolean deleteIfUnchanged(SendingDomain expected) {
        return translated("SendingDomainRepository.deleteIfUnchanged", () -> dao.deleteIfUnchanged(expected));
    }
}
