package org.smtpplus.smtp;

import java.time.YearMonth;

import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.usage.MemoryUsageRepository;
import org.smtpplus.core.usage.MonthlyUsage;
import org.smtpplus.core.usage.UsageRepository;

/** Usage counters in memory whose store can be taken down and brought back, as an outage comes and goes. */
final class SwitchableUsageRepository implements UsageRepository {
    private final MemoryUsageRepository counters = new MemoryUsageRepository();
    private volatile boolean down;

    void goDown() {
        down = true;
    }

    void comeBack() {
        down = false;
    }

    @Override
    public void add(String account, YearMonth month, long messages, long bytes) {
        failWhenDown();
        counters.add(account, month, messages, bytes);
    }

    @Override
    public MonthlyUsage get(String account, YearMonth month) {
        failWhenDown();
        return counters.get(account, month);
    }

    private void failWhenDown() {
        if (down) {
            throw new StoreUnavailableException("the store timed out", null);
        }
    }
}
