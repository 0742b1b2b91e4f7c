package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.usage.MonthlyUsage;
import org.smtpplus.core.usage.UsageRepository;
import org.smtpplus.core.usage.UsageRepositoryContract;

class CassandraUsageRepositoryTest implements UsageRepositoryContract {
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension(CassandraSchema.USAGE_COUNTERS);

    private CassandraUsageRepository repository;

    @BeforeEach
    void setUp() {
        repository = new CassandraUsageRepository(STORE.session());
    }

    @Override
    public UsageRepository repository() {
        return repository;
    }

    @Test
    void concurrentIncrementsFromSeveralSessionsAddUpExactly() {
        try (CassandraStore other = CassandraStore.start(STORE.keyspaceConfiguration())) {
            CompletableFuture.allOf(IntStream.range(0, 400)
                .mapToObj(i -> CompletableFuture.runAsync(() -> (i % 2 == 0 ? repository : other.usage()).add("shop", NOVEMBER, 1, 1000)))
                .toArray(CompletableFuture[]::new)).join();
        }

        assertThat(repository.get("shop", NOVEMBER)).isEqualTo(new MonthlyUsage("shop", NOVEMBER, 400, 400_000));
    }
}
