package org.smtpplus.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.store.StoreUnavailableException;

class PoolSourcesTest {
    private static final IpPool WARM = new IpPool("warm", List.of("127.0.0.2", "127.0.0.3"), "mta1.example.net");

    private final StoreOutage<IpPoolRepository> outage = StoreOutage.of(IpPoolRepository.class, new MemoryIpPoolRepository());
    private final PoolSources sources = new PoolSources(outage.port());

    @Test
    void copiesTakeThePoolsAddressesInTurn() {
        outage.working().save(WARM);

        List<String> addresses = IntStream.range(0, 4)
            .mapToObj(i -> sources.next("warm").orElseThrow())
            .map(SourceAddress::address)
            .collect(Collectors.toList());

        assertThat(addresses).containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.2", "127.0.0.3");
        assertThat(sources.next("warm")).contains(new SourceAddress("127.0.0.2", "mta1.example.net"));
    }

    @Test
    void aChangedPoolServesTheNextCopy() {
        outage.working().save(WARM);
        sources.next("warm");
        outage.working().save(new IpPool("warm", List.of("127.0.0.4"), "mta2.example.net"));

        assertThat(sources.next("warm")).contains(new SourceAddress("127.0.0.4", "mta2.example.net"));
    }

    @Test
    void anUnknownPoolHasNoSource() {
        assertThat(sources.next("nowhere")).isEmpty();
    }

    @Test
    void duringAnOutageThePoolLastReadServes() {
        outage.working().save(WARM);
        sources.next("warm");
        outage.down();

        assertThat(sources.next("warm").map(SourceAddress::address)).isEqualTo(Optional.of("127.0.0.3"));
    }

    @Test
    void anOutageBeforeThePoolWasEverReadIsThrown() {
        outage.working().save(WARM);
        outage.down();

        assertThatThrownBy(() -> sources.next("warm")).isInstanceOf(StoreUnavailableException.class);
    }
}
