package org.smtpplus.core.pool;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.smtpplus.core.store.StoreUnavailableException;

/**
 * Which source the next copy sent through a pool leaves from: the pool's addresses in turn, on this node (each node
 * of a cluster takes its own turns, so the addresses share a node's copies evenly, not the cluster's in strict
 * alternation). Every call reads the pool through {@link IpPoolRepository#recent}: a change made on this node is seen
 * at the next copy, one made on another node within {@link RecentIpPools#RECENT}; while the store cannot answer, the
 * pool as last read here serves. Thread-safe.
 */
public final class PoolSources {
    private final IpPoolRepository pools;
    // only pools that exist are remembered: accounts name pools that existed when they were saved, so these are few
    private final ConcurrentMap<String, IpPool> lastRead = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicLong> turns = new ConcurrentHashMap<>();

    public PoolSources(IpPoolRepository pools) {
        this.pools = pools;
    }

    /**
     * The source of the next copy sent through the pool named; empty when there is no such pool.
     *
     * @throws StoreUnavailableException when the store cannot answer and the pool was never read here
     */
    public Optional<SourceAddress> next(String poolName) {
        Optional<IpPool> pool = read(poolName);
        if (pool.isEmpty()) {
            turns.remove(poolName);
            return Optional.empty();
        }
        List<SourceAddress> sources = pool.get().sources();
        long turn = turns.computeIfAbsent(poolName, any -> new AtomicLong()).getAndIncrement();
        return Optional.of(sources.get((int) Math.floorMod(turn, (long) sources.size())));
    }

    private Optional<IpPool> read(String poolName) {
        try {
            Optional<IpPool> pool = pools.recent(poolName);
            pool.ifPresentOrElse(found -> lastRead.put(poolName, found), () -> lastRead.remove(poolName));
            return pool;
        } catch (StoreUnavailableException e) {
            IpPool known = lastRead.get(poolName);
            if (known == null) {
                throw e;
            }
            return Optional.of(known);
        }
    }
}
