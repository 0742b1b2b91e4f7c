package org.smtpplus.core.subscriber;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of {@code /smtpplus/lists/{list}/subscribers} (docs/api.md#subscribers): the PUT body in, subscribers and
 * pages of a list out. Thread-safe.
 */
public final class SubscriberJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Validates a PUT body {@code {"fields":{...},"status":"..."}}; both are optional.
     */
    public SubscriberUpdate parseUpdate(String json) throws InvalidSubscriberException {
        return SubscriberUpdateReader.read(json);
    }

    /**
     * {@code {"list","address","status","fields","firstSeen","lastSent"}}, instants in ISO-8601, {@code lastSent}
     * null before the first message.
     */
    public ObjectNode toJsonNode(Subscriber subscriber) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("list", subscriber.list());
        node.put("address", subscriber.address());
        node.put("status", subscriber.status().asJson());
        ObjectNode fields = node.putObject("fields");
        subscriber.fields().forEach(fields::put);
        node.put("firstSeen", subscriber.firstSeen().toString());
        node.put("lastSent", subscriber.lastSent().map(Object::toString).orElse(null));
        return node;
    }

    // JsonNode.toString() writes valid JSON since Jackson 2.10
    public String toJson(Subscriber subscriber) {
        return toJsonNode(subscriber).toString();
    }

    /**
     * {@code {"subscribers":[...],"nextCursor":"..."}}, {@code nextCursor} null on the last page.
     */
    public ObjectNode toJsonNode(SubscriberPage page) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode subscribers = node.putArray("subscribers");
        page.subscribers().forEach(subscriber -> subscribers.add(toJsonNode(subscriber)));
        node.put("nextCursor", page.nextCursor().orElse(null));
        return node;
    }

    public String toJson(SubscriberPage page) {
        return toJsonNode(page).toString();
    }
}
