package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.pacing.PaceCounters;
import org.smtpplus.core.pacing.PaceCountersContract;

class CassandraPaceCountersTest implements PaceCountersContract {
    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension(CassandraSchema.PACE_COUNTERS);

    private CassandraPaceCounters counters;

    @BeforeEach
    void setUp() {
        counters = new CassandraPaceCounters(STORE.session());
    }

    @Override
    public PaceCounters counters() {
        return counters;
    }

    @Test
    void incrementsFromSeveralNodesAllCount() {
        try (CassandraStore other = CassandraStore.start(STORE.keyspaceConfiguration())) {
            CompletableFuture.allOf(IntStream.range(0, 100)
                .mapToObj(i -> CompletableFuture.runAsync(() -> (i % 2 == 0 ? counters : other.paceCounters()).increment("gmail.com", MINUTE)))
                .toArray(CompletableFuture[]::new)).join();
        }

        assertThat(counters.increment("gmail.com", MINUTE)).isEqualTo(101);
    }
}
