package org.smtpplus.cassandra;

import static org.smtpplus.cassandra.CassandraFailures.translated;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.smtpplus.core.pool.IpPool;
import org.smtpplus.core.pool.IpPoolRepository;

import com.datastax.oss.driver.api.core.CqlSession;

/** IP pools in table {@code ip_pools} ({@link IpPoolDAO}), shared by every node of the relay. */
public class CassandraIpPoolRepository implements IpPoolRepository {
    private final IpPoolDAO dao;

    public CassandraIpPoolRepository(CqlSession session) {
        this.dao = new IpPoolDAO(session);
    }

    @Override
    public Optional<IpPool> get(String name) {
        return translated("IpPoolRepository.get", () -> dao.select(name));
    }

    /** Reads the whole table and sorts here: a relay has a few pools. */
    @Override
    public List<IpPool> list() {
        return translated("IpPoolRepository.list", dao::selectAll).stream()
            .sorted(Comparator.comparing(IpPool::name))
            .collect(Collectors.toList());
    }

    @Override
    public void save(IpPool pool) {
        translated("IpPoolRepository.save", () -> {
            dao.insert(pool);
            return null;
        });
    }

    /**
     * Reads, then deletes: pools change rarely, and two concurrent deletes both answering true is harmless. A
     * conditional delete would mix lightweight transactions with the plain writes of {@link #save}.
     */
    @Override
    public boolean delete(String name) {
        return translated("IpPoolRepository.delete", () -> {
            boolean existed = dao.exists(name);
            dao.delete(name);
            return existed;
        });
    }
}
