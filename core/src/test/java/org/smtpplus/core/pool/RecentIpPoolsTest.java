package org.smtpplus.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.store.StoreUnavailableException;

import com.google.common.base.Ticker;

class RecentIpPoolsTest implements IpPoolRepositoryContract {
    private final AtomicLong nanos = new AtomicLong();
    private StoreOutage<IpPoolRepository> store;
    private RecentIpPools pools;

    @BeforeEach
    void setUp() {
        store = StoreOutage.of(IpPoolRepository.class, new MemoryIpPoolRepository());
        pools = new RecentIpPools(store.port(), new Ticker() {
            @Override
            public long read() {
                return nanos.get();
            }
        });
    }

    @Override
    public IpPoolRepository repository() {
        return pools;
    }

    @Test
    void recentAsksTheStoreOncePerRecentPeriodAndGetAlways() {
        pools.save(WARM);
        pools.recent("warm");

        store.downFor("get");

        assertThat(pools.recent("warm")).contains(WARM);
        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(pools.recent("warm")).contains(WARM);
        assertThatThrownBy(() -> pools.get("warm")).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void anotherNodesChangeIsSeenWithinTheRecentPeriod() {
        pools.save(WARM);
        pools.recent("warm");
        IpPool changed = new IpPool("warm", List.of("198.51.100.7"), "mta2.example.net");

        store.working().save(changed);

        assertThat(pools.recent("warm")).contains(WARM);
        nanos.addAndGet(RecentIpPools.RECENT.toNanos() + 1);
        assertThat(pools.recent("warm")).contains(changed);
    }
}
