package org.smtpplus.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventFilter;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.event.IndexingBacklog;
import org.smtpplus.testing.opensearch.OpenSearchExtension;

/**
 * Tiny maximums for the events in memory and the journal on disk: recording never waits, what goes beyond them is
 * dropped (the newest events) and counted exactly, the journal never holds a byte more than allowed, and every event
 * that was kept is indexed once OpenSearch answers.
 */
class OpenSearchEventStoreCapsTest {
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
        if (!OPENSEARCH.opensearch().isRunning()) {
            OPENSEARCH.opensearch().restart();
        }
    }

    private OpenSearchEventStoreConfiguration.Builder configuration() {
        return OpenSearchEventStoreConfiguration.builder(journal)
            .hosts(OPENSEARCH.opensearch().baseUrl())
            .indexPrefix("caps-events")
            .replicas(0)
            .requestTimeout(Duration.ofSeconds(1));
    }

    private OpenSearchEventStore keep(OpenSearchEventStore store) {
        stores.add(store);
        return store;
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

    private static long lineBytes(List<DeliveryEvent> events) {
        return events.stream()
            .mapToLong(event -> (EventDocuments.toLine(event) + "\n").getBytes(StandardCharsets.UTF_8).length)
            .sum();
    }

    private long journalSizeOnDisk() throws IOException {
        try (Stream<Path> files = Files.list(journal)) {
            long size = 0;
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith("events-")).collect(Collectors.toList())) {
                size += Files.size(file);
            }
            return size;
        }
    }

    private long sentCount(OpenSearchEventStore store) {
        return store.counts(EventFilter.builder().account(Optional.of(account)).build()).count(EventType.SENT);
    }

    private boolean indexed(OpenSearchEventStore store, DeliveryEvent event) {
        return !store.find(Optional.empty(), Optional.of(event.messageId()), Optional.empty(), 1).isEmpty();
    }

    @Test
    void eventsBeyondTheMemoryMaximumAreDroppedAtOnceAndTheOthersIndexed() {
        // no indexer thread yet: nothing takes the events out of memory, as behind a hung request
        OpenSearchEventStore store = keep(OpenSearchEventStore.open(configuration()
            .bufferCapacity(2)
            .maxEventsInMemory(5)
            .build()));
        List<DeliveryEvent> events = events(8);

        events.forEach(store::record);

        assertThat(store.backlog()).isEqualTo(new IndexingBacklog(5, 0, 0, 0, 0, 3));

        store.startIndexing();
        store.flush();

        // two from the buffer straight to OpenSearch, three from the overflow through the journal
        assertThat(sentCount(store)).isEqualTo(5);
        assertThat(events.subList(0, 5)).allMatch(event -> indexed(store, event));
        assertThat(events.subList(5, 8)).noneMatch(event -> indexed(store, event));
        assertThat(store.backlog()).isEqualTo(new IndexingBacklog(0, 0, 0, 5, 0, 3));
    }

    @Test
    void memoryFreedByTheIndexerTakesEventsAgain() {
        OpenSearchEventStore store = keep(OpenSearchEventStore.open(configuration().maxEventsInMemory(3).build()));
        List<DeliveryEvent> events = events(8);
        events.subList(0, 5).forEach(store::record);
        store.startIndexing();
        store.flush();

        // as many as the maximum: they fit however fast the indexer takes them
        events.subList(5, 8).forEach(store::record);
        store.flush();

        assertThat(sentCount(store)).isEqualTo(6);
        assertThat(events.subList(3, 5)).noneMatch(event -> indexed(store, event));
        assertThat(store.backlog().dropped()).isEqualTo(2);
    }

    @Test
    void whileOpenSearchIsDownTheJournalStopsAtItsMaximumAndWhatItKeptIsIndexedWhenItAnswers() throws Exception {
        List<DeliveryEvent> events = events(20);
        long max = lineBytes(events.subList(0, 7));
        OPENSEARCH.opensearch().stop();
        OpenSearchEventStore store = keep(OpenSearchEventStore.start(configuration().maxJournalBytes(max).build()));

        events.forEach(store::record);
        store.flush();

        assertThat(store.backlog()).isEqualTo(new IndexingBacklog(0, 7, max, 0, 0, 13));
        assertThat(journalSizeOnDisk()).isEqualTo(max);

        OPENSEARCH.opensearch().restart();
        store.flush();

        assertThat(sentCount(store)).isEqualTo(7);
        assertThat(events.subList(0, 7)).allMatch(event -> indexed(store, event));
        assertThat(events.subList(7, 20)).noneMatch(event -> indexed(store, event));
        assertThat(store.backlog()).isEqualTo(new IndexingBacklog(0, 0, 0, 7, 0, 13));
        assertThat(journalSizeOnDisk()).isZero();
    }

    @Test
    void aRestartedStoreKeepsAJournalBeyondALowerMaximumDropsNewEventsAndReplaysTheKeptOnes() throws Exception {
        List<DeliveryEvent> events = events(12);
        OPENSEARCH.opensearch().stop();
        OpenSearchEventStore first = OpenSearchEventStore.start(configuration().build());
        events.subList(0, 10).forEach(first::record);
        first.close();
        long left = journalSizeOnDisk();

        OpenSearchEventStore store = keep(OpenSearchEventStore.start(configuration().maxJournalBytes(left / 2).build()));
        events.subList(10, 12).forEach(store::record);
        store.flush();

        assertThat(store.backlog()).isEqualTo(new IndexingBacklog(0, 10, left, 0, 0, 2));

        OPENSEARCH.opensearch().restart();
        store.flush();

        assertThat(sentCount(store)).isEqualTo(10);
        assertThat(store.backlog()).isEqualTo(new IndexingBacklog(0, 0, 0, 10, 0, 2));
    }
}
