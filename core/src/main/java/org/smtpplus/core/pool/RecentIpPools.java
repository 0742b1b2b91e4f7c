package org.smtpplus.core.pool;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.smtpplus.core.store.RecentReads;

import com.google.common.base.Ticker;

/**
 * A remote store's IP pools, with {@link #recent} served from a read less than {@link #RECENT} old: the delivery of
 * every copy of an account with a pool asks for the pool's addresses. A pool saved or deleted through this repository
 * (this node's routes) is seen at once; one changed on another node within {@link #RECENT}. {@link #get} and
 * {@link #list} (the routes) always ask the store.
 */
public final class RecentIpPools implements IpPoolRepository {
    public static final Duration RECENT = Duration.ofSeconds(10);
    // pools are named by accounts and made by the operator: a few
    private static final int CAPACITY = 1_000;

    private final IpPoolRepository store;
    private final RecentReads<String, IpPool> recentReads;

    public RecentIpPools(IpPoolRepository store, Ticker ticker) {
        this.store = store;
        this.recentReads = new RecentReads<>(RECENT, CAPACITY, ticker);
    }

    @Override
    public Optional<IpPool> get(String name) {
        return store.get(name);
    }

    @Override
    public Optional<IpPool> recent(String name) {
        return recentReads.get(name, store::get);
    }

    @Override
    public List<IpPool> list() {
        return store.list();
    }

    @Override
    public void save(IpPool pool) {
        // forgotten also when the store failed: a write that timed out may have been applied
        try {
            store.save(pool);
        } finally {
            recentReads.forget(pool.name());
        }
    }

    @Override
    public boolean delete(String name) {
        try {
            return store.delete(name);
        } finally {
            recentReads.forget(name);
        }
    }
}
