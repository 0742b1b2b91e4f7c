package org.smtpplus.opensearch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.DeliveryEventJson;
import org.smtpplus.core.event.EventType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An event as an index document and a journal line: the JSON of docs/api.md, read back into the same event.
 */
final class EventDocuments {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DeliveryEventJson JSON = new DeliveryEventJson();

    private EventDocuments() {
    }

    static ObjectNode toDocument(DeliveryEvent event) {
        return JSON.toJsonNode(event);
    }

    static String toLine(DeliveryEvent event) {
        return toDocument(event).toString();
    }

    /**
     * @throws IllegalArgumentException when the line is not an event (a line torn by a crash, an edited file)
     */
    static DeliveryEvent fromLine(String line) {
        try {
            return fromDocument(MAPPER.readTree(line));
        } catch (Exception e) {
            throw new IllegalArgumentException("Not an event: " + line, e);
        }
    }

    static DeliveryEvent fromDocument(JsonNode document) {
        DeliveryEvent.Builder builder = DeliveryEvent.builder(
                EventType.valueOf(required(document, "event").toUpperCase(Locale.ROOT)),
                Instant.parse(required(document, "at")))
            .account(required(document, "account"))
            .customId(optional(document, "customId"))
            .tags(tags(document))
            .list(required(document, "list"))
            .recipient(required(document, "recipient"))
            .messageId(required(document, "messageId"))
            .size(document.path("size").asLong());
        optional(document, "status").ifPresent(builder::status);
        optional(document, "diagnostic").ifPresent(builder::diagnostic);
        optional(document, "reason").ifPresent(builder::reason);
        optional(document, "url").ifPresent(builder::url);
        optional(document, "userAgent").ifPresent(builder::userAgent);
        optional(document, "ip").ifPresent(builder::ip);
        Optional.ofNullable(document.get("first")).filter(JsonNode::isBoolean).map(JsonNode::booleanValue).ifPresent(builder::first);
        Optional.ofNullable(document.get("machine")).filter(JsonNode::isBoolean).map(JsonNode::booleanValue).ifPresent(builder::machine);
        return builder.build();
    }

    private static String required(JsonNode document, String field) {
        return optional(document, field).orElseThrow(() -> new IllegalArgumentException("No " + field + " in " + document));
    }

    private static Optional<String> optional(JsonNode document, String field) {
        JsonNode value = document.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    private static List<String> tags(JsonNode document) {
        List<String> tags = new ArrayList<>();
        document.path("tags").forEach(tag -> tags.add(tag.asText()));
        return tags;
    }
}
