package org.smtpplus.core.pool;

import java.util.List;
import java.util.Optional;

/** Where IP pools live: with the Cassandra store, every node sees the same pools. */
public interface IpPoolRepository {
    Optional<IpPool> get(String name);

    /**
     * The pool for a lookup made with every copy: as {@link #get}, or as read a few seconds ago by a repository that
     * remembers its reads ({@link RecentIpPools}: a change made through it is seen at once, one made on another node
     * within {@link RecentIpPools#RECENT}).
     */
    default Optional<IpPool> recent(String name) {
        return get(name);
    }

    /** Every pool, in the order of their names. */
    List<IpPool> list();

    /** Creates or replaces the pool of that name. */
    void save(IpPool pool);

    /** True when it existed. */
    boolean delete(String name);
}
