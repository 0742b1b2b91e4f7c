package org.smtpplus.core.usage;

import java.time.YearMonth;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Usage counters in memory, for the memory James server and tests. Thread-safe.
 */
public final class MemoryUsageRepository implements UsageRepository {
    private final ConcurrentMap<String, ConcurrentMap<YearMonth, MonthlyUsage>> byAccount = new ConcurrentHashMap<>();

    @Override
    public void add(String account, YearMonth month, long messages, long bytes) {
        // ConcurrentHashMap.merge is atomic per key, so concurrent additions are never lost
        byAccount.computeIfAbsent(account, any -> new ConcurrentHashMap<>())
            .merge(month, new MonthlyUsage(account, month, messages, bytes, 1), MemoryUsageRepository::sum);
    }

    @Override
    public MonthlyUsage get(String account, YearMonth month) {
        return Optional.ofNullable(byAccount.get(account))
            .map(months -> months.get(month))
            .orElseGet(() -> new MonthlyUsage(account, month, 0, 0));
    }

    private static MonthlyUsage sum(MonthlyUsage a, MonthlyUsage b) {
        return new MonthlyUsage(a.account(), a.month(), a.messages() + b.messages(), a.bytes() + b.bytes(), a.changes() + b.changes());
    }
}
