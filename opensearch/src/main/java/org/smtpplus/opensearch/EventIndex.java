package org.smtpplus.opensearch;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
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
                    .properties("diagnostic", Property.of(property -> property.text(text -> text
                        .fields("keyword", Property.of(field -> field.keyword(keyword -> keyword.ignoreAbove(1024))))))))));
        try {
            client.indices().create(index -> index.index(indexOf(Instant.now())));
        } catch (OpenSearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    private static Property keyword() {
        return Property.of(property -> property.keyword(keyword -> keyword));
    }

    String indexOf(Instant at) {
        return alias + "-" + MONTH.format(at);
    }

    /**
     * Indexes the events with their {@link DeliveryEvent#id()} as document id, so an event sent twice (a retry, a
     * replay) is one document.
     *
     * @throws IOException or {@link OpenSearchException} when the request as a whole failed: nothing is known
     */
    BulkOutcome index(List<DeliveryEvent> events) throws IOException {
        List<BulkOperation> operations = events.stream()
            .map(event -> BulkOperation.of(operation -> operation.index(index -> index
                .index(indexOf(event.at()))
                .id(event.id())
                .document(EventDocuments.toDocument(event)))))
            .collect(Collectors.toList());
        BulkResponse response = client.bulk(bulk -> bulk.operations(operations));
        int indexed = 0;
        List<DeliveryEvent> retryable = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        // the items answer the operations in their order
        for (int i = 0; i < events.size(); i++) {
            BulkResponseItem item = response.items().get(i);
            if (item.error() == null) {
                indexed++;
            } else if (item.status() == TOO_MANY_REQUESTS || item.status() >= SERVER_ERROR) {
                retryable.add(events.get(i));
            } else {
                refused.add(new Refusal(events.get(i), item.error().type() + ": " + item.error().reason()));
            }
        }
        return new BulkOutcome(indexed, retryable, refused);
    }

    /**
     * Makes every indexed event visible to searches now rather than within the next second.
     */
    void refresh() throws IOException {
        client.indices().refresh(refresh -> refresh.index(alias));
    }
}
