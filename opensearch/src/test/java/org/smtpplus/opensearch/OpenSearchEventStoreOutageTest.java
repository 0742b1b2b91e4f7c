package org.smtpplus.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventFilter;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.testing.opensearch.OpenSearchExtension;

/**
 * Stops the shared node: recording must neither block nor lose events, and what was journaled meanwhile must be
 * indexed exactly once when OpenSearch, or the store itself, comes back.
 */
class OpenSearchEventStoreOutageTest {
    private static final Instant AT = Instant.parse("2026-11-03T10:15:30.123Z");
    private static final Duration SPILL = Duration.ofSeconds(30);

    @RegisterExtension
    static final OpenSearchExtension OPENSEARCH = new OpenSearchExtension();

    @TempDir
    Path journal;

    private OpenSearchEventStore store;
    private String account;

    @BeforeEach
    void setUp() {
        store = start();
        account = "shop-" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        store.close();
        if (!OPENSEARCH.opensearch().isRunning()) {
            OPENSEARCH.opensearch().restart();
        }
    }

    private OpenSearchEventStore start() {
        return OpenSearchEventStore.start(OpenSearchEventStoreConfiguration.builder(journal)
            .hosts(OPENSEARCH.opensearch().baseUrl())
            .indexPrefix("outage-events")
            .replicas(0)
            .requestTimeout(Duration.ofSeconds(1))
            .build());
    }

    private List<DeliveryEvent> events(int count) {
        List<DeliveryEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(DeliveryEvent.builder(EventType.SENT, AT.plusMillis(i))
                .account(account)
                .list("customers")
                .recipient("user" + i + "@shop.example")
                .messageId("m" + i + "-" + account)
                .size(100)
                .build());
        }
        return events;
    }

    private long sentCount() {
        return store.counts(EventFilter.builder().account(Optional.of(account)).build()).count(EventType.SENT);
    }

    private long journalFiles() throws IOException {
        try (Stream<Path> files = Files.list(journal)) {
            return files.filter(file -> file.getFileName().toString().startsWith("events-")).count();
        }
    }

    @Test
    void eventsRecordedDuringAnOutageAreJournaledThenIndexedOnce() throws Exception {
        List<DeliveryEvent> events = events(200);
        // half of them indexed before the outage, recorded again during it: sent twice, counted once
        events.subList(0, 100).forEach(store::record);
        store.flush();
        assertThat(sentCount()).isEqualTo(100);

        OPENSEARCH.opensearch().stop();
        long start = System.nanoTime();
        events.forEach(store::record);
        Duration recording = Duration.ofNanos(System.nanoTime() - start);

        assertThat(recording).isLessThan(Duration.ofSeconds(1));
        await().atMost(SPILL).untilAsserted(() -> {
            assertThat(store.backlog().buffered()).isZero();
            assertThat(store.backlog().spilled()).isEqualTo(200);
        });
        assertThatThrownBy(this::sentCount).isInstanceOf(StoreUnavailableException.class);

        OPENSEARCH.opensearch().restart();
        store.flush();

        assertThat(sentCount()).isEqualTo(200);
        assertThat(store.backlog().spilled()).isZero();
        assertThat(journalFiles()).isZero();
    }

    @Test
    void aRestartedStoreReplaysWhatItsPredecessorJournaled() throws Exception {
        OPENSEARCH.opensearch().stop();
        events(50).forEach(store::record);
        store.close();
        assertThat(journalFiles()).isPositive();

        OPENSEARCH.opensearch().restart();
        store = start();
        assertThat(store.backlog().spilled()).isEqualTo(50);
        store.flush();

        assertThat(sentCount()).isEqualTo(50);
        assertThat(store.backlog().spilled()).isZero();
        assertThat(journalFiles()).isZero();
    }

    @Test
    void aStoreStartedWhileOpenSearchIsDownJournalsUntilItAnswers() {
        store.close();
        OPENSEARCH.opensearch().stop();
        store = start();

        events(10).forEach(store::record);
        store.flush();
        assertThat(store.backlog().spilled()).isEqualTo(10);

        OPENSEARCH.opensearch().restart();
        store.flush();

        assertThat(sentCount()).isEqualTo(10);
    }
}
