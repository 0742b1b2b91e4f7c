package org.smtpplus.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryEventStoreTest implements EventStoreContract {
    private static final Instant AT = Instant.parse("2026-11-03T10:15:30.123Z");

    private MemoryEventStore store;

    @BeforeEach
    void setUp() {
        store = new MemoryEventStore();
    }

    @Override
    public EventStore eventStore() {
        return store;
    }

    private static DeliveryEvent event(int index) {
        return DeliveryEvent.builder(EventType.SENT, AT.plusMillis(index))
            .account("shop")
            .list("customers")
            .recipient("user" + index + "@shop.example")
            .messageId("m" + index)
            .size(100)
            .build();
    }

    @Test
    void nothingRecordedIsEmpty() {
        assertThat(store.recorded()).isEmpty();
        assertThat(store.backlog()).isEqualTo(IndexingBacklog.EMPTY);
    }

    @Test
    void recordedKeepsTheOrderOfRecording() {
        store.record(event(2));
        store.record(event(1));
        store.record(event(3));

        assertThat(store.recorded()).containsExactly(event(2), event(1), event(3));
    }

    @Test
    void recordedIsASnapshot() {
        store.record(event(1));
        List<DeliveryEvent> before = store.recorded();

        store.record(event(2));

        assertThat(before).containsExactly(event(1));
    }

    @Test
    void backlogCountsTheKeptEventsAsIndexed() {
        store.record(event(1));
        store.record(event(2));
        store.record(event(1));

        assertThat(store.backlog()).isEqualTo(new IndexingBacklog(0, 0, 0, 2, 0, 0));
    }

    @Test
    void onlyTheMostRecentEventsAreKept() {
        int extra = 5;
        for (int i = 0; i < MemoryEventStore.CAPACITY + extra; i++) {
            store.record(event(i));
        }

        List<DeliveryEvent> recorded = store.recorded();

        assertThat(recorded).hasSize(MemoryEventStore.CAPACITY);
        assertThat(recorded.get(0)).isEqualTo(event(extra));
        assertThat(recorded.get(recorded.size() - 1)).isEqualTo(event(MemoryEventStore.CAPACITY + extra - 1));
    }

    @Test
    void aDroppedEventRecordedAgainIsKeptAgain() {
        for (int i = 0; i < MemoryEventStore.CAPACITY + 1; i++) {
            store.record(event(i));
        }

        store.record(event(0));

        List<DeliveryEvent> recorded = store.recorded();
        assertThat(recorded.get(recorded.size() - 1)).isEqualTo(event(0));
    }

    @Test
    void concurrentRecordingLosesNothing() throws Exception {
        int threads = 8;
        int eventsPerThread = 1_000;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> recorders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * eventsPerThread;
                recorders.add(executor.submit(() -> {
                    for (int i = 0; i < eventsPerThread; i++) {
                        store.record(event(offset + i));
                    }
                }));
            }
            for (Future<?> recorder : recorders) {
                recorder.get(1, TimeUnit.MINUTES);
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(store.recorded()).hasSize(threads * eventsPerThread).doesNotHaveDuplicates();
    }

    @Test
    void concurrentRecordingPastTheCapacityKeepsTheCapacityAndEachIdOnce() throws Exception {
        int threads = 4;
        int eventsPerThread = MemoryEventStore.CAPACITY / 2 + 1_000;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> recorders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                // two threads record each event: a retry racing its first recording
                int offset = (t / 2) * eventsPerThread;
                recorders.add(executor.submit(() -> {
                    for (int i = 0; i < eventsPerThread; i++) {
                        store.record(event(offset + i));
                    }
                }));
            }
            for (Future<?> recorder : recorders) {
                recorder.get(1, TimeUnit.MINUTES);
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(store.recorded()).hasSize(MemoryEventStore.CAPACITY).doesNotHaveDuplicates();
        assertThat(store.backlog()).isEqualTo(new IndexingBacklog(0, 0, 0, MemoryEventStore.CAPACITY, 0, 0));
    }
}
