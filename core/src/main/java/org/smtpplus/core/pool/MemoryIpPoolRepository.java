package org.smtpplus.core.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** SMTPPLUS_STORE=memory: pools live as long as the JVM. */
public final class MemoryIpPoolRepository implements IpPoolRepository {
    private final ConcurrentSkipListMap<String, IpPool> pools = new ConcurrentSkipListMap<>();

    @Override
    public Optional<IpPool> get(String name) {
        return Optional.ofNullable(pools.get(name));
    }

    @Override
    public List<IpPool> list() {
        return new ArrayList<>(pools.values());
    }

    @Override
    public void save(IpPool pool) {
        pools.put(pool.name(), pool);
    }

    @Override
    public boolean delete(String name) {
        return pools.remove(name) != null;
    }
}
