package org.smtpplus.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventFilter;
import org.smtpplus.core.event.EventType;
import org.smtpplus.testing.opensearch.OpenSearchExtension;

/**
 * Large journals, a full buffer and a racing close(): every recorded event ends up indexed exactly once.
 */
class OpenSearchEventStoreJournalTest {
    private static final Instant AT = Instant.parse("2026-11-03T10:15:30.123Z");

    @RegisterExtension
    static final OpenSearchExtension OPENSEARCH = new OpenSearchExtension();

    @TempDir
    Path journal;

    private final List<OpenSearchEventStore> stores = new ArrayList<>();
    private String account;

    @BeforeEach
    void setUp() {
        account = "shop-" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        stores.forEach(OpenSearchEventStore::close);
    }

    private OpenSearchEventStore start(int bufferCapacity) {
        OpenSearchEventStore store = OpenSearchEventStore.start(OpenSearchEventStoreConfiguration.builder(journal)
            .hosts(OPENSEARCH.opensearch().baseUrl())
            .indexPrefix("journal-events")
            .replicas(0)
            .bufferCapacity(bufferCapacity)
            .flushTimeout(Duration.ofMinutes(2))
            .build());
        stores.add(store);
        return store;
    }

    private DeliveryEvent event(int i) {
        return DeliveryEvent.builder(EventType.SENT, AT.plusMillis(i))
            .account(account)
            .list("customers")
            .recipient("user" + i + "@shop.example")
            .messageId("m" + i + "-" + account)
            .size(100)
            .build();
    }

    private long sentCount(OpenSearchEventStore store) {
        return store.counts(EventFilter.builder().account(Optional.of(account)).build()).count(EventType.SENT);
    }

    private long journalFiles() throws IOException {
        try (Stream<Path> files = Files.list(journal)) {
            return files.filter(file -> file.getFileName().toString().startsWith("events-")).count();
        }
    }

    @Test
    void aJournalOfSeveralFilesReplaysCompletelyAndCountsExactly() throws Exception {
        try (EventJournal left = EventJournal.open(journal, OpenSearchEventStoreConfiguration.DEFAULT_MAX_JOURNAL_BYTES)) {
            List<DeliveryEvent> group = new ArrayList<>();
            for (int i = 0; i < 25_000; i++) {
                group.add(event(i));
                if (group.size() == 1_000) {
                    left.append(group);
                    group.clear();
                }
            }
        }
        assertThat(journalFiles()).isGreaterThanOrEqualTo(3);

        OpenSearchEventStore store = start(OpenSearchEventStoreConfiguration.DEFAULT_BUFFER_CAPACITY);
        assertThat(store.backlog().spilled()).isEqualTo(25_000);
        store.flush();

        assertThat(sentCount(store)).isEqualTo(25_000);
        assertThat(store.backlog().spilled()).isZero();
        assertThat(journalFiles()).isZero();
    }

    @Test
    void eventsBeyondAFullBufferAreJournaledThenIndexed() {
        OpenSearchEventStore store = start(10);

        for (int i = 0; i < 3_000; i++) {
            store.record(event(i));
        }
        store.flush();

        assertThat(sentCount(store)).isEqualTo(3_000);
        assertThat(store.backlog().spilled()).isZero();
    }

    @Test
    void eventsRecordedWhileTheStoreClosesAreIndexedOrJournaled() throws Exception {
        OpenSearchEventStore store = start(100);
        int threads = 4;
        AtomicInteger recorded = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(threads);
        List<Thread> recorders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread recorder = new Thread(() -> {
                started.countDown();
                for (int i = 0; i < 2_000; i++) {
                    store.record(event(recorded.getAndIncrement()));
                }
            });
            recorder.start();
            recorders.add(recorder);
        }
        started.await();

        store.close();
        for (Thread recorder : recorders) {
            recorder.join();
        }

        // what was not indexed before the close is in the journal: a new store indexes it
        OpenSearchEventStore next = start(OpenSearchEventStoreConfiguration.DEFAULT_BUFFER_CAPACITY);
        next.flush();
        assertThat(sentCount(next)).isEqualTo(recorded.get());
        assertThat(journalFiles()).isZero();
    }
}
