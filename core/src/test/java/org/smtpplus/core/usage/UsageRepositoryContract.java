package org.smtpplus.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * What every {@link UsageRepository} does; an implementation's test implements this interface.
 */
public interface UsageRepositoryContract {
    String ACCOUNT = "shop";
    YearMonth MONTH = YearMonth.of(2026, 11);

    /**
     * An empty repository, new for each test.
     */
    UsageRepository repository();

    @Test
    default void nothingRecordedIsZero() {
        assertThat(repository().get(ACCOUNT, MONTH)).isEqualTo(new MonthlyUsage(ACCOUNT, MONTH, 0, 0));
    }

    @Test
    default void addAccumulates() {
        repository().add(ACCOUNT, MONTH, 1, 2_000);
        repository().add(ACCOUNT, MONTH, 3, 5_000_000_000L);

        assertThat(repository().get(ACCOUNT, MONTH)).isEqualTo(new MonthlyUsage(ACCOUNT, MONTH, 4, 5_000_002_000L));
    }

    @Test
    default void everyAdditionIsAChangeAndALookIsNone() {
        repository().add(ACCOUNT, MONTH, 2, 2_000);
        repository().add(ACCOUNT, MONTH, -2, -2_000);
        MonthlyUsage look = repository().get(ACCOUNT, MONTH);

        assertThat(look.changes()).isEqualTo(2);
        assertThat(look).isEqualTo(new MonthlyUsage(ACCOUNT, MONTH, 0, 0));
        assertThat(repository().get(ACCOUNT, MONTH).sameLookAs(look)).isTrue();
        assertThat(repository().get(ACCOUNT, MONTH.plusMonths(1)).changes()).isZero();
    }

    @Test
    default void monthsAreIndependent() {
        repository().add(ACCOUNT, MONTH, 5, 500);
        repository().add(ACCOUNT, MONTH.plusMonths(1), 1, 100);

        assertThat(repository().get(ACCOUNT, MONTH)).isEqualTo(new MonthlyUsage(ACCOUNT, MONTH, 5, 500));
        assertThat(repository().get(ACCOUNT, MONTH.plusMonths(1))).isEqualTo(new MonthlyUsage(ACCOUNT, MONTH.plusMonths(1), 1, 100));
        assertThat(repository().get(ACCOUNT, MONTH.minusYears(1))).isEqualTo(new MonthlyUsage(ACCOUNT, MONTH.minusYears(1), 0, 0));
    }

    @Test
    default void accountsAreIndependent() {
        repository().add(ACCOUNT, MONTH, 5, 500);
        repository().add("blog@accounts.example", MONTH, 2, 200);

        assertThat(repository().get(ACCOUNT, MONTH)).isEqualTo(new MonthlyUsage(ACCOUNT, MONTH, 5, 500));
        assertThat(repository().get("blog@accounts.example", MONTH))
            .isEqualTo(new MonthlyUsage("blog@accounts.example", MONTH, 2, 200));
        assertThat(repository().get("other", MONTH)).isEqualTo(new MonthlyUsage("other", MONTH, 0, 0));
    }

    @Test
    default void concurrentAddsAreExact() throws Exception {
        int threads = 8;
        int addsPerThread = 500;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                writers.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < addsPerThread; i++) {
                        repository().add(ACCOUNT, MONTH, 1, 1_000);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(repository().get(ACCOUNT, MONTH))
            .isEqualTo(new MonthlyUsage(ACCOUNT, MONTH, threads * addsPerThread, threads * addsPerThread * 1_000L));
        assertThat(repository().get(ACCOUNT, MONTH).changes()).isEqualTo(threads * addsPerThread);
    }
}
