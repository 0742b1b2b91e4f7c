package org.smtpplus.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.apache.http.HttpHost;
import org.opensearch.client.RestClient;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.aggregations.CalendarInterval;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregate;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregationSource;
import org.opensearch.client.opensearch._types.aggregations.CompositeBucket;
import org.opensearch.client.opensearch._types.aggregations.MultiBucketBase;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.transport.rest_client.RestClientTransport;
import org.smtpplus.core.address.EmailAddresses;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventCounts;
import org.smtpplus.core.event.EventFilter;
import org.smtpplus.core.event.EventGroup;
import org.smtpplus.core.event.EventStore;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.event.GroupBy;
import org.smtpplus.core.event.IndexingBacklog;
import org.smtpplus.core.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The delivery events in OpenSearch: {@link #record} hands them to a background indexer (bulk requests, a durable
 * journal while OpenSearch is down), queries and reports read them through the alias with aggregations.
 *
 * <pre>
 * OpenSearchEventStore store = OpenSearchEventStore.start(OpenSearchEventStoreConfiguration
 *     .builder(Path.of(smtpplusHome, "var", "smtpplus-events"))
 *     .hosts("http://opensearch:9200")
 *     .build());
 * </pre>
 */
public final class OpenSearchEventStore implements EventStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(OpenSearchEventStore.class);
    // index.max_result_window: a deeper page is refused by OpenSearch
    private static final int MAX_FOUND = 10_000;
    // groups a page: with at most one sub-bucket per event type, well below search.max_buckets
    private static final int GROUPS_PAGE = 1_000;
    private static final String KEY = "key";
    private static final String EVENTS = "events";
    private static final String FIRSTS = "firsts";
    private static final String GROUPS = "groups";
    private static final int TOP_SHARD_SIZE = 1_000;

    private final RestClient restClient;
    private final OpenSearchClient client;
    private final EventIndex index;
    private final EventIndexer indexer;

    private OpenSearchEventStore(RestClient restClient, OpenSearchClient client, EventIndex index, EventIndexer indexer) {
        this.restClient = restClient;
        this.client = client;
        this.index = index;
        this.indexer = indexer;
    }

    /**
     * Opens the journal (replaying what a previous run left, once OpenSearch answers) and creates the index template
     * and this month's index. Starts even when OpenSearch is down: events are journaled meanwhile.
     *
     * @throws UncheckedIOException when the journal directory cannot be created or read
     */
    public static OpenSearchEventStore start(OpenSearchEventStoreConfiguration configuration) {
        OpenSearchEventStore store = open(configuration);
        store.startIndexing();
        return store;
    }

    /**
     * A store whose indexer thread is not started yet: what is recorded waits in memory, as it does behind a hung
     * request (tests fill the memory so).
     */
    static OpenSearchEventStore open(OpenSearchEventStoreConfiguration configuration) {
        EventJournal journal;
        try {
            journal = EventJournal.open(configuration.journalDirectory(), configuration.maxJournalBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the event journal in " + configuration.journalDirectory(), e);
        }
        int timeout = Math.toIntExact(configuration.requestTimeout().toMillis());
        RestClient restClient = RestClient.builder(configuration.hosts().stream()
                .map(OpenSearchEventStore::httpHost)
                .toArray(HttpHost[]::new))
            .setRequestConfigCallback(request -> request
                .setConnectTimeout(timeout)
                .setConnectionRequestTimeout(timeout)
                .setSocketTimeout(timeout))
            .build();
        OpenSearchClient client = new OpenSearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper(new ObjectMapper())));
        EventIndex index = new EventIndex(client, configuration.indexPrefix(), configuration.replicas());
        EventIndexer indexer = new EventIndexer(index, journal, configuration, createSchema(index));
        return new OpenSearchEventStore(restClient, client, index, indexer);
    }

    void startIndexing() {
        indexer.start();
    }

    private static HttpHost httpHost(URI uri) {
        return new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme());
    }

    private static boolean createSchema(EventIndex index) {
        try {
            index.createSchema();
            return true;
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Cannot create the event indices {} now ({}); events are journaled until OpenSearch answers",
                index.alias(), e.toString());
            return false;
        }
    }

    @Override
    public void record(DeliveryEvent event) {
        indexer.record(event);
    }

    /**
     * Recipients are compared lower-case (the index normalises them); among events of the same millisecond the
     * order is the index's. Each uniqueArg is a term of the document's pairs ({@link EventDocuments#uniqueArgPair}).
     */
    @Override
    public List<DeliveryEvent> find(Optional<String> recipient, Optional<String> messageId, Optional<String> customId,
                                    Map<String, String> uniqueArgs, int limit) {
        List<Query> filters = new ArrayList<>();
        recipient.ifPresent(value -> filters.add(term("recipient", EmailAddresses.normalise(value))));
        messageId.ifPresent(value -> filters.add(term("messageId", value)));
        customId.ifPresent(value -> filters.add(term("customId", value)));
        uniqueArgs.forEach((key, value) -> filters.add(term(EventDocuments.UNIQUE_ARG_PAIRS, EventDocuments.uniqueArgPair(key, value))));
        SearchResponse<ObjectNode> response = search(SearchRequest.of(search -> search
            .index(index.alias())
            .query(query -> query.bool(bool -> bool.filter(filters)))
            .sort(sort -> sort.field(field -> field.field("at").order(SortOrder.Desc)))
            .size(Math.min(limit, MAX_FOUND))));
        return response.hits().hits().stream()
            .map(Hit::source)
            .map(EventDocuments::fromDocument)
            .collect(Collectors.toList());
    }

    @Override
    public EventCounts counts(EventFilter filter) {
        SearchResponse<ObjectNode> response = search(SearchRequest.of(search -> search
            .index(index.alias())
            .query(query(filter))
            .size(0)
            .aggregations(EVENTS, byEvent())));
        return counts(response.aggregations().get(EVENTS));
    }

    /**
     * Days are UTC calendar days; the other groups are terms, so an event counts once in each of its tags. Exact for
     * any number of groups: a composite aggregation, read page by page.
     */
    @Override
    public List<EventGroup> groups(GroupBy groupBy, EventFilter filter) {
        Query query = query(filter);
        CompositeAggregationSource source = groupSource(groupBy);
        List<EventGroup> result = new ArrayList<>();
        Map<String, String> after = null;
        boolean more = true;
        while (more) {
            Map<String, String> page = after;
            Aggregation grouping = Aggregation.of(aggregation -> aggregation
                .composite(composite -> {
                    composite.sources(Map.of(KEY, source)).size(GROUPS_PAGE);
                    if (page != null) {
                        composite.after(page);
                    }
                    return composite;
                })
                .aggregations(EVENTS, byEvent()));
            SearchResponse<ObjectNode> response = search(SearchRequest.of(search -> search
                .index(index.alias())
                .query(query)
                .size(0)
                .aggregations(GROUPS, grouping)));
            CompositeAggregate groups = response.aggregations().get(GROUPS).composite();
            List<CompositeBucket> buckets = groups.buckets().array();
            buckets.forEach(bucket -> result.add(group(text(bucket.key().get(KEY)), bucket)));
            // a page shorter than asked for is the last one: the composite aggregation pages through every key
            more = buckets.size() == GROUPS_PAGE && groups.afterKey() != null && !groups.afterKey().isEmpty();
            if (more) {
                after = groups.afterKey().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> text(entry.getValue())));
            }
        }
        // OpenSearch orders terms by UTF-8 bytes, Java strings by UTF-16 units: sorted here, as the memory store sorts
        result.sort(Comparator.comparing(EventGroup::key));
        return result;
    }

    /**
     * A terms aggregation ordered by events, most first, ties by key. Each shard offers more keys than asked for
     * ({@link #TOP_SHARD_SIZE} at least), as OpenSearch advises, so that a key big overall but small on one shard is
     * still found; past that, at millions of keys spread evenly, the order of the last few may be approximate.
     */
    @Override
    public List<EventGroup> topGroups(GroupBy groupBy, EventFilter filter, int top) {
        if (groupBy == GroupBy.DAY) {
            throw new IllegalArgumentException("No top days: days are listed in order");
        }
        Aggregation grouping = Aggregation.of(aggregation -> aggregation
            .terms(terms -> terms.field(groupField(groupBy))
                .size(top)
                .shardSize(Math.max(TOP_SHARD_SIZE, top * 10))
                .order(List.of(Map.of("_count", SortOrder.Desc), Map.of("_key", SortOrder.Asc))))
            .aggregations(EVENTS, byEvent()));
        SearchResponse<ObjectNode> response = search(SearchRequest.of(search -> search
            .index(index.alias())
            .query(query(filter))
            .size(0)
            .aggregations(GROUPS, grouping)));
        return response.aggregations().get(GROUPS).sterms().buckets().array().stream()
            .map(bucket -> group(bucket.key(), bucket))
            .collect(Collectors.toList());
    }

    private static CompositeAggregationSource groupSource(GroupBy groupBy) {
        if (groupBy == GroupBy.DAY) {
            return CompositeAggregationSource.of(source -> source.dateHistogram(histogram -> histogram.field("at")
                .calendarInterval(CalendarInterval.Day).timeZone("UTC").format("yyyy-MM-dd")));
        }
        return CompositeAggregationSource.of(source -> source.terms(terms -> terms.field(groupField(groupBy))));
    }

    /** A key as its text: a term, or a day formatted yyyy-MM-dd. */
    private static String text(JsonData key) {
        JsonValue value = key.toJson();
        return value instanceof JsonString ? ((JsonString) value).getString() : value.toString();
    }

    private static String groupField(GroupBy groupBy) {
        switch (groupBy) {
            case CUSTOM_ID:
                return "customId";
            case TAG:
                return "tags";
            case ACCOUNT:
                return "account";
            default:
                throw new IllegalArgumentException("Not a terms grouping: " + groupBy);
        }
    }

    private static EventGroup group(String key, MultiBucketBase bucket) {
        return new EventGroup(key, counts(bucket.aggregations().get(EVENTS)));
    }

    /** Events by type, and within each type those marked first (the unique opens and clicks). */
    private static Aggregation byEvent() {
        return Aggregation.of(aggregation -> aggregation
            .terms(terms -> terms.field("event").size(EventType.values().length))
            .aggregations(FIRSTS, Aggregation.of(firsts -> firsts.filter(Query.of(query -> query.term(term -> term
                .field("first").value(FieldValue.of(true))))))));
    }

    private static EventCounts counts(Aggregate byEvent) {
        Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        Map<EventType, Long> firsts = new EnumMap<>(EventType.class);
        byEvent.sterms().buckets().array().forEach(bucket -> {
            EventType type = EventType.valueOf(bucket.key().toUpperCase(Locale.ROOT));
            counts.put(type, bucket.docCount());
            firsts.put(type, bucket.aggregations().get(FIRSTS).filter().docCount());
        });
        return EventCounts.of(counts, firsts);
    }

    private static Query query(EventFilter filter) {
        List<Query> filters = new ArrayList<>();
        filter.customId().ifPresent(value -> filters.add(term("customId", value)));
        filter.account().ifPresent(value -> filters.add(term("account", value)));
        filter.tag().ifPresent(value -> filters.add(term("tags", value)));
        if (filter.from().isPresent() || filter.to().isPresent()) {
            filters.add(Query.of(query -> query.range(range -> {
                range.field("at");
                filter.from().ifPresent(from -> range.gte(JsonData.of(from.toString())));
                filter.to().ifPresent(to -> range.lt(JsonData.of(to.toString())));
                return range;
            })));
        }
        return Query.of(query -> query.bool(bool -> bool.filter(filters)));
    }

    private static Query term(String field, String value) {
        return Query.of(query -> query.term(term -> term.field(field).value(FieldValue.of(value))));
    }

    private SearchResponse<ObjectNode> search(SearchRequest request) {
        try {
            return client.search(request, ObjectNode.class);
        } catch (IOException | OpenSearchException e) {
            throw new StoreUnavailableException("OpenSearch cannot search " + index.alias() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() {
        indexer.flush();
    }

    @Override
    public IndexingBacklog backlog() {
        return indexer.backlog();
    }

    /**
     * Sends or journals the buffered events, then closes the connections. Events recorded afterwards go straight
     * to the journal.
     */
    @Override
    public void close() {
        indexer.close();
        try {
            restClient.close();
        } catch (IOException e) {
            LOGGER.warn("Cannot close the OpenSearch client", e);
        }
    }
}
