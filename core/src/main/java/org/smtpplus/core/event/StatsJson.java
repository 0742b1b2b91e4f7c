package org.smtpplus.core.event;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answers of {@code GET /smtpplus/stats} (docs/api.md#events-and-reports), {@code {"counts":{"accepted":n,...}}} or
 * {@code {"groups":[{"key":"...","counts":{...}}]}}, and the indexing backlog. Counts list every event type, in
 * {@link EventType} order, then {@code uniqueOpened} and {@code uniqueClicked}. Thread-safe.
 */
public final class StatsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String counts(EventCounts counts) {
        ObjectNode node = MAPPER.createObjectNode();
        node.set("counts", countsNode(counts));
        return node.toString();
    }

    public String groups(List<EventGroup> groups) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode array = node.putArray("groups");
        groups.forEach(group -> array.addObject()
            .put("key", group.key())
            .set("counts", countsNode(group.counts())));
        return node.toString();
    }

    public String backlog(IndexingBacklog backlog) {
        return MAPPER.createObjectNode()
            .put("buffered", backlog.buffered())
            .put("spilled", backlog.spilled())
            .put("journalBytes", backlog.journalBytes())
            .put("indexed", backlog.indexed())
            .put("failed", backlog.failed())
            .put("dropped", backlog.dropped())
            .toString();
    }

    private static ObjectNode countsNode(EventCounts counts) {
        ObjectNode node = MAPPER.createObjectNode();
        counts.asMap().forEach((type, count) -> node.put(type.asJson(), count));
        node.put("uniqueOpened", counts.unique(EventType.OPENED));
        node.put("uniqueClicked", counts.unique(EventType.CLICKED));
        return node;
    }
}
