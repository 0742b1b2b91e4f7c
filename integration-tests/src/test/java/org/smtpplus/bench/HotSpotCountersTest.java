package org.smtpplus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HotSpotCountersTest {
    @Test
    void readsThisJvmsOwnHeapCountersAsJstatDoes() {
        long pid = ProcessHandle.current().pid();

        long used = HotSpotCounters.heapUsedBytes(pid).orElseThrow();

        // the JVM's own view, for the order of magnitude: both count every heap space, garbage included
        long managementView = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).mapToLong(pool -> pool.getUsage().getUsed()).sum();
        assertThat(used).isPositive();
        assertThat(used).isBetween(managementView / 4, managementView * 4 + 64L * 1024 * 1024);
    }

    @Test
    void heapUsedSumsTheSpacesOfEveryGeneration() {
        Map<String, Long> counters = Map.of(
            "sun.gc.generation.0.space.0.used", 100L,
            "sun.gc.generation.0.space.1.used", 20L,
            "sun.gc.generation.1.space.0.used", 3000L,
            "sun.gc.generation.1.space.0.capacity", 999_999L,
            "sun.gc.collector.0.invocations", 7L);

        assertThat(HotSpotCounters.heapUsedBytes(counters)).isEqualTo(3120);
        assertThat(HotSpotCounters.oldUsedBytes(counters)).isEqualTo(3000);
    }

    @Test
    void anythingButPerfDataIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HotSpotCounters.longCounters(new byte[64]))
            .hasMessageContaining("not a HotSpot PerfData file");
    }

    @Test
    void aProcessWithoutCountersHasNoHeapReading() {
        assertThat(HotSpotCounters.heapUsedBytes(Long.MAX_VALUE)).isEmpty();
    }
}
