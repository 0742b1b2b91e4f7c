package org.smtpplus.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class MemoryEventSinkTest {
    private static final Instant AT = Instant.parse("2026-11-03T10:15:30.123Z");

    private final MemoryEventSink sink = new MemoryEventSink();

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
        assertThat(sink.recorded()).isEmpty();
    }

    @Test
    void recordedKeepsTheOrderOfRecording() {
        sink.record(event(2));
        sink.record(event(1));
        sink.record(event(3));

        assertThat(sink.recorded()).containsExactly(event(2), event(1), event(3));
    }

    @Test
    void recordedIsASnapshot() {
        sink.record(event(1));
        List<DeliveryEvent> before = sink.recorded();

        sink.record(event(2));

        assertThat(before).containsExactly(event(1));
    }

    @Test
    void onlyTheMostRecentEventsAreKept() {
        int extra = 5;
        for (int i = 0; i < MemoryEventSink.CAPACITY + extra; i++) {
            sink.record(event(i));
        }

        List<DeliveryEvent> recorded = sink.recorded();

        assertThat(recorded).hasSize(MemoryEventSink.CAPACITY);
        assertThat(recorded.get(0)).isEqualTo(event(extra));
        assertThat(recorded.get(recorded.size() - 1)).isEqualTo(event(MemoryEventSink.CAPACITY + extra - 1));
    }

    @Test
    void findGivesTheNewestFirstUpToTheLimit() {
        for (int i = 0; i < 5; i++) {
            sink.record(event(i));
        }

        assertThat(sink.find(Optional.empty(), Optional.empty(), Optional.empty(), 3)).containsExactly(event(4), event(3), event(2));
    }

    @Test
    void findFiltersByRecipientWhateverItsCaseByMessageAndByCustomId() {
        DeliveryEvent tagged = DeliveryEvent.builder(EventType.BOUNCED, AT)
            .account("shop")
            .customId(Optional.of("order-7"))
            .list("customers")
            .recipient("Jane@Shop.example")
            .messageId("m7")
            .status("5.1.1")
            .build();
        sink.record(event(1));
        sink.record(tagged);
        sink.record(event(2));

        assertThat(sink.find(Optional.of("jane@shop.EXAMPLE"), Optional.empty(), Optional.empty(), 10)).containsExactly(tagged);
        assertThat(sink.find(Optional.empty(), Optional.of("m7"), Optional.empty(), 10)).containsExactly(tagged);
        assertThat(sink.find(Optional.empty(), Optional.empty(), Optional.of("order-7"), 10)).containsExactly(tagged);
        assertThat(sink.find(Optional.of("user1@shop.example"), Optional.of("m7"), Optional.empty(), 10)).isEmpty();
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
                        sink.record(event(offset + i));
                    }
                }));
            }
            for (Future<?> recorder : recorders) {
                recorder.get(1, TimeUnit.MINUTES);
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(sink.recorded()).hasSize(threads * eventsPerThread).doesNotHaveDuplicates();
    }
}
