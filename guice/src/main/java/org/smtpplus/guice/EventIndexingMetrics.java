package org.smtpplus.guice;

import java.util.function.Supplier;

import org.apache.james.metrics.api.GaugeRegistry;
import org.smtpplus.core.event.IndexingBacklog;

/**
 * The event indexing backlog as James gauges, read from the backlog whenever the metrics are: what was dropped since
 * start, and how full memory and the journal are.
 */
final class EventIndexingMetrics {
    static final String DROPPED = "smtpplus_events_dropped";
    static final String IN_MEMORY = "smtpplus_events_in_memory";
    static final String JOURNAL_BYTES = "smtpplus_events_journal_bytes";

    private EventIndexingMetrics() {
    }

    static void register(GaugeRegistry gauges, Supplier<IndexingBacklog> backlog) {
        gauges.register(DROPPED, () -> backlog.get().dropped())
            .register(IN_MEMORY, () -> backlog.get().buffered())
            .register(JOURNAL_BYTES, () -> backlog.get().journalBytes());
    }
}
