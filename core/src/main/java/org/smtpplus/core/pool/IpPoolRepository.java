package org.smtpplus.core.pool;

import java.util.List;
import java.util.Optional;

/** Where IP pools live: with the Cassandra store, every node sees the same pools. */
public interface IpPoolRepository {
    Optional<IpPool> get(String name);

    /** Every pool, in the order of their names. */
    List<IpPool> list();

    /** Creates or replaces the pool of that name. */
    void save(IpPool pool);

    /** True when it existed. */
    boolean delete(String name);
}
