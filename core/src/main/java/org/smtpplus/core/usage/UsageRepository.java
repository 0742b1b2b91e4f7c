package org.smtpplus.core.usage;

import java.time.YearMonth;

/**
 * Usage counters per account and month. The month is part of the key, so a new month starts at zero without any
 * job. Increments are exact under concurrent writers. Every method may throw
 * {@link org.smtpplus.core.store.StoreUnavailableException}.
 */
public interface UsageRepository {
    /**
     * Adds to the month's counters, and one to their changes; negative values take back an earlier addition. An
     * addition that throws may or may not have counted.
     */
    void add(String account, YearMonth month, long messages, long bytes);

    /** Zeros when nothing was recorded. */
    MonthlyUsage get(String account, YearMonth month);
}
