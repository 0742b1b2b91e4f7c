package org.smtpplus.opensearch;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.smtpplus.core.event.DeliveryEvent;

/**
 * The indices of the events: one a month ({@code PREFIX-2026.11}, by the event's {@code at} in UTC, so old months are
 * dropped by deleting an index), all created from one index template and behind one alias ({@code PREFIX}) that
 * queries search.
 */
final class EventIndex {
    static final class BulkOutcome {
        private final int indexed;
        private final List<DeliveryEvent> retryable;
        private final List<Refusal> refused;

        private BulkOutcome(int indexed, List<DeliveryEvent> retryable, List<Refusal> refused) {
            this.indexed = indexed;
            this.retryable = retryable;
            this.refused = refused;
        }

        int indexed() {
            return indexed;
        }

        /** Rejected for now (the node is overloaded or a shard unavailable): to be sent again later. */
        List<DeliveryEvent> retryable() {
            return retryable;
        }

        /** Rejected for good (a mapping error): sending them again would fail the same way. */
        List<Refusal> refused() {
            return refused;
        }
    }

    static final class Refusal {
        private final DeliveryEvent event;
        private final String reason;

        private Refusal(DeliveryEvent event, String reason) {
            this.event = event;
            this.reason = reason;
        }

        DeliveryEvent event() {
            return event;
        }

        String reason() {
            return reason;
        }
    }

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);
    private static final int TOO_MANY_REQUESTS = 429;
    private static final int SERVER_ERROR = 500;
    private static final String INDEX_NOT_FOUND = "index_not_found_exception";
    private static final Set<String> TRANSIENT_ERRORS = Set.of("cluster_block_exception", "index_closed_exception");

    private final OpenSearchClient client;
    private final String alias;
    private final int replicas;

    EventIndex(OpenSearchClient client, String alias, int replicas) {
        this.client = client;
        this.alias = alias;
        this.replicas = replicas;
    }

    String alias() {
        return alias;
    }

    /**
     * Puts the index template, then creates this month's index, so that the alias exists for queries before the
     * first event is indexed. Idempotent.
     */
    void createSchema() throws IOException {
        client.indices().putIndexTemplate(template -> template
            .name(alias)
            .indexPatterns(alias + "-*")
            .template(mapping -> mapping
                .settings(settings -> settings.numberOfShards("1").numberOfReplicas(String.valueOf(replicas)))
                .aliases(alias, any -> any)
                .mappings(mappings -> mappings
                    // a stray field (a newer relay's event on an older template) is kept in _source, not mapped
                    .dynamic(DynamicMapping.False)
                    .properties("event", keyword())
                    .properties("at", Property.of(property -> property.date(date -> date)))
                    .properties("account", keyword())
                    .properties("customId", keyword())
                    .properties("tags", keyword())
                    .properties("list", keyword())
                    // recipients compare lower-case (EmailAddresses.normalise): the built-in normalizer, no plugin
                    .properties("recipient", Property.of(property -> property.keyword(keyword -> keyword.normalizer("lowercase"))))
                    .properties("messageId", keyword())
                    .properties("size", Property.of(property -> property.long_(number -> number)))
                    .properties("status", keyword())
                    .properties("reason", keyword())
                    .properties(TRACKING_FIELDS)
                    .properties(UNIQUE_ARGS_FIELDS)
                    .properties("diagnostic", Property.of(property -> property.text(text -> text
                        .fields("keyword", Property.of(field -> field.keyword(keyword -> keyword.ignoreAbove(1024))))))))));
        createIndex(indexOf(Instant.now()));
        // indices made from an older template get the fields added since (adding fields to a mapping is allowed)
        client.indices().putMapping(mapping -> mapping.index(alias + "-*").properties(TRACKING_FIELDS).properties(UNIQUE_ARGS_FIELDS));
    }

    /**
     * Creates an index (from the template, so behind the alias) unless it exists.
     */
    private void createIndex(String name) throws IOException {
        try {
            client.indices().create(index -> index.index(name));
        } catch (OpenSearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    // opens and clicks (docs/tracking.md): a URL or a user agent longer than that is kept in _source, not indexed
    private static final Map<String, Property> TRACKING_FIELDS = Map.of(
        "url", Property.of(property -> property.keyword(keyword -> keyword.ignoreAbove(2048))),
        "userAgent", Property.of(property -> property.keyword(keyword -> keyword.ignoreAbove(512))),
        "ip", keyword(),
        "first", Property.of(property -> property.boolean_(flag -> flag)),
        "machine", Property.of(property -> property.boolean_(flag -> flag)));

    // the sender's keys (docs/api.md, uniqueArgs): given back from _source, searched through the pairs, so that no key
    // becomes a field of the mapping. A pair longer than any the events route takes (two halves of 256 code points, up
    // to 1,029 UTF-16 units with the length prefix, which ignore_above counts) is kept in _source, not indexed. The ignored fields of accepted events are short texts SMTP+ writes.
    private static final Map<String, Property> UNIQUE_ARGS_FIELDS = Map.of(
        "uniqueArgs", Property.of(property -> property.object(object -> object.enabled(false))),
        EventDocuments.UNIQUE_ARG_PAIRS, Property.of(property -> property.keyword(keyword -> keyword.ignoreAbove(2048))),
        "ignored", Property.of(property -> property.keyword(keyword -> keyword.ignoreAbove(512))));

    private static Property keyword() {
        return Property.of(property -> property.keyword(keyword -> keyword));
    }

    String indexOf(Instant at) {
        return alias + "-" + MONTH.format(at);
    }

    /**
     * Indexes the events with their {@link DeliveryEvent#id()} as document id, so an event sent twice (a retry, a
     * replay) is one document. An event whose month has no index yet (only the current month's is created at start,
     * and a cluster may not auto-create indices) gets it created and is sent once more.
     *
     * @throws IOException or {@link OpenSearchException} when the request as a whole failed: nothing is known
     */
    BulkOutcome index(List<DeliveryEvent> events) throws IOException {
        Attempt attempt = bulk(events);
        if (!attempt.missing.isEmpty()) {
            for (String name : attempt.missing.stream().map(event -> indexOf(event.at())).distinct().collect(Collectors.toList())) {
                createIndex(name);
            }
            Attempt again = bulk(attempt.missing);
            attempt.indexed += again.indexed;
            // still missing (deleted again meanwhile): for a later try
            attempt.retryable.addAll(again.missing);
            attempt.retryable.addAll(again.retryable);
            attempt.refused.addAll(again.refused);
        }
        return new BulkOutcome(attempt.indexed, attempt.retryable, attempt.refused);
    }

    /** What one bulk request did with each event. */
    private static final class Attempt {
        private int indexed;
        private final List<DeliveryEvent> missing = new ArrayList<>();
        private final List<DeliveryEvent> retryable = new ArrayList<>();
        private final List<Refusal> refused = new ArrayList<>();
    }

    private Attempt bulk(List<DeliveryEvent> events) throws IOException {
        List<BulkOperation> operations = events.stream()
            .map(event -> BulkOperation.of(operation -> operation.index(index -> index
                .index(indexOf(event.at()))
                .id(event.id())
                .document(EventDocuments.toDocument(event)))))
            .collect(Collectors.toList());
        BulkResponse response = client.bulk(bulk -> bulk.operations(operations));
        Attempt attempt = new Attempt();
        // the items answer the operations in their order
        for (int i = 0; i < events.size(); i++) {
            BulkResponseItem item = response.items().get(i);
            if (item.error() == null) {
                attempt.indexed++;
            } else if (INDEX_NOT_FOUND.equals(item.error().type())) {
                attempt.missing.add(events.get(i));
            } else if (isRetryable(item)) {
                attempt.retryable.add(events.get(i));
            } else {
                attempt.refused.add(new Refusal(events.get(i), item.error().type() + ": " + item.error().reason()));
            }
        }
        return attempt;
    }

    /**
     * Overloaded, unavailable, or closed or write-blocked by an operator (a full disk sets a write block, lifted
     * when space is freed): all pass, so the events are journaled, not refused for good as a mapping error is.
     */
    private static boolean isRetryable(BulkResponseItem item) {
        return item.status() == TOO_MANY_REQUESTS || item.status() >= SERVER_ERROR
            || TRANSIENT_ERRORS.contains(item.error().type());
    }

    /**
     * Makes every indexed event visible to searches now rather than within the next second.
     */
    void refresh() throws IOException {
        client.indices().refresh(refresh -> refresh.index(alias));
    }
}
