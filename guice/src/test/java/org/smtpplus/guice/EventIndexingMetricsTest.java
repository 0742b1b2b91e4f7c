package org.smtpplus.guice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.metrics.api.Gauge;
import org.apache.james.metrics.api.GaugeRegistry;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.event.IndexingBacklog;

class EventIndexingMetricsTest {
    private final Map<String, Gauge<?>> gauges = new HashMap<>();
    private final GaugeRegistry registry = new GaugeRegistry() {
        @Override
        public <T> GaugeRegistry register(String name, Gauge<T> gauge) {
            gauges.put(name, gauge);
            return this;
        }

        @Override
        public <T> SettableGauge<T> settableGauge(String name) {
            throw new UnsupportedOperationException(name);
        }
    };

    @Test
    void theGaugesReadTheBacklogWhenTheMetricsAreRead() {
        AtomicReference<IndexingBacklog> backlog = new AtomicReference<>(IndexingBacklog.EMPTY);
        EventIndexingMetrics.register(registry, backlog::get);

        backlog.set(new IndexingBacklog(3, 10, 4_096, 100, 0, 7));

        assertThat(gauges.get("smtpplus_events_dropped").get()).isEqualTo(7L);
        assertThat(gauges.get("smtpplus_events_in_memory").get()).isEqualTo(3L);
        assertThat(gauges.get("smtpplus_events_journal_bytes").get()).isEqualTo(4_096L);
    }
}
