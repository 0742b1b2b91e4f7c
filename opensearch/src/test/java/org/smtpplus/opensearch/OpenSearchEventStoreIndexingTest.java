package org.smtpplus.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventFilter;
import org.smtpplus.core.event.EventGroup;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.event.GroupBy;
import org.smtpplus.testing.opensearch.OpenSearchExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The index layout and the events OpenSearch refuses.
 */
class OpenSearchEventStoreIndexingTest {
    private static final String PREFIX = "layout-events";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final OpenSearchExtension OPENSEARCH = new OpenSearchExtension();

    @TempDir
    static Path journal;

    private static OpenSearchEventStore store;

    @BeforeAll
    static void start() {
        store = OpenSearchEventStore.start(configuration());
    }

    private static OpenSearchEventStoreConfiguration configuration() {
        return OpenSearchEventStoreConfiguration.builder(journal)
            .hosts(OPENSEARCH.opensearch().baseUrl())
            .indexPrefix(PREFIX)
            .replicas(0)
            .build();
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    private static DeliveryEvent event(Instant at, String account, String messageId) {
        return DeliveryEvent.builder(EventType.SENT, at)
            .account(account)
            .list("customers")
            .recipient("jane@shop.example")
            .messageId(messageId)
            .size(100)
            .build();
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(OPENSEARCH.opensearch().baseUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        return MAPPER.readTree(response.body());
    }

    private static void send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void delete(String path) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(OPENSEARCH.opensearch().baseUrl() + path)).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String account) {
        return store.counts(EventFilter.builder().account(Optional.of(account)).build()).count(EventType.SENT);
    }

    @Test
    void eventsGoToTheIndexOfTheirUtcMonthBehindTheAlias() throws Exception {
        String account = "shop-" + UUID.randomUUID();
        store.record(event(Instant.parse("2025-01-31T23:59:59.999Z"), account, "january@shop.example"));
        store.record(event(Instant.parse("2025-02-01T00:00:00Z"), account, "february@shop.example"));
        store.flush();

        assertThat(get("/" + PREFIX + "-2025.01/_count?q=account:" + account).path("count").asLong()).isEqualTo(1);
        assertThat(get("/" + PREFIX + "-2025.02/_count?q=account:" + account).path("count").asLong()).isEqualTo(1);
        assertThat(get("/" + PREFIX + "-2025.02/_alias").path(PREFIX + "-2025.02").path("aliases").has(PREFIX)).isTrue();
        assertThat(get("/" + PREFIX + "-2025.02/_mapping").path(PREFIX + "-2025.02").path("mappings").path("properties")
            .path("at").path("type").asText()).isEqualTo("date");

        delete("/" + PREFIX + "-2025.01");

        assertThat(count(account)).isEqualTo(1);
    }

    @Test
    void startingAddsTheUniqueArgsFieldsToAnIndexMadeBeforeThem() throws Exception {
        String legacy = "legacy-events";
        // a month indexed by a relay that had no uniqueArgs: no template of theirs, dynamic mapping off
        send(HttpRequest.newBuilder(URI.create(OPENSEARCH.opensearch().baseUrl() + "/" + legacy + "-2025.04"))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"aliases\":{\"" + legacy + "\":{}},\"mappings\":{\"dynamic\":false,"
                + "\"properties\":{\"at\":{\"type\":\"date\"},\"messageId\":{\"type\":\"keyword\"}}}}"))
            .build());
        DeliveryEvent sent = DeliveryEvent.builder(EventType.SENT, Instant.parse("2025-04-02T10:00:00Z"))
            .account("shop")
            .list("customers")
            .recipient("jane@shop.example")
            .messageId("legacy@shop.example")
            .uniqueArgs(Map.of("order", "42"))
            .build();

        try (OpenSearchEventStore upgraded = OpenSearchEventStore.start(OpenSearchEventStoreConfiguration.builder(journal.resolve(legacy))
                .hosts(OPENSEARCH.opensearch().baseUrl())
                .indexPrefix(legacy)
                .replicas(0)
                .build())) {
            upgraded.record(sent);
            upgraded.flush();

            JsonNode properties = get("/" + legacy + "-2025.04/_mapping").path(legacy + "-2025.04").path("mappings").path("properties");
            assertThat(properties.path(EventDocuments.UNIQUE_ARG_PAIRS).path("type").asText()).isEqualTo("keyword");
            assertThat(properties.path("uniqueArgs").path("enabled").asBoolean(true)).isFalse();
            assertThat(upgraded.find(Optional.empty(), Optional.empty(), Optional.empty(), Map.of("order", "42"), 10)).containsExactly(sent);
        }
    }

    @Test
    void startingAgainKeepsTheIndicesAndTheirEvents() {
        String account = "shop-" + UUID.randomUUID();
        store.record(event(Instant.now(), account, "again@shop.example"));
        store.flush();

        OpenSearchEventStore.start(configuration()).close();

        assertThat(count(account)).isEqualTo(1);
    }

    @Test
    void anEventOpenSearchRefusesIsKeptInTheFailedFileAndCounted() throws Exception {
        String account = "shop-" + UUID.randomUUID();
        long failedBefore = store.backlog().failed();
        // a keyword longer than Lucene's 32766-byte term limit: refused whenever it is sent
        String immense = "x".repeat(40_000) + "@shop.example";

        store.record(event(Instant.now(), account, immense));
        store.record(event(Instant.now(), account, "fine@shop.example"));
        store.flush();

        assertThat(store.backlog().failed()).isEqualTo(failedBefore + 1);
        assertThat(store.backlog().spilled()).isZero();
        assertThat(count(account)).isEqualTo(1);
        String failed = Files.readString(journal.resolve(EventJournal.FAILED_FILE), StandardCharsets.UTF_8);
        assertThat(failed).contains(account).contains("immense term");
    }

    @Test
    void groupsAreExactBeyondOnePageOfKeys() {
        String account = "shop-" + UUID.randomUUID();
        Instant at = Instant.parse("2025-03-01T00:00:00Z");
        for (int i = 0; i < 2_500; i++) {
            store.record(DeliveryEvent.builder(EventType.SENT, at.plusSeconds(3_600L * i))
                .account(account)
                .customId(Optional.of(String.format("order-%04d", i)))
                .list("customers")
                .recipient("jane@shop.example")
                .messageId("m" + i + "@shop.example")
                .size(100)
                .build());
        }
        store.flush();
        EventFilter filter = EventFilter.builder().account(Optional.of(account)).build();

        List<EventGroup> byCustomId = store.groups(GroupBy.CUSTOM_ID, filter);
        List<EventGroup> byDay = store.groups(GroupBy.DAY, filter);

        assertThat(byCustomId).hasSize(2_500);
        assertThat(byCustomId.get(2_499).key()).isEqualTo("order-2499");
        assertThat(byCustomId).allSatisfy(group -> assertThat(group.counts().count(EventType.SENT)).isEqualTo(1));
        // one event an hour from 2025-03-01: 105 days of 24 and a last one of 4
        assertThat(byDay).hasSize(105);
        assertThat(byDay.get(0).key()).isEqualTo("2025-03-01");
        assertThat(byDay.stream().mapToLong(group -> group.counts().count(EventType.SENT)).sum()).isEqualTo(2_500);
    }
}
