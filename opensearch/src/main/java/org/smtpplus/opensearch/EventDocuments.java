package org.smtpplus.opensearch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.DeliveryEventJson;
import org.smtpplus.core.event.EventType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An event as an index document and a journal line: the JSON of docs/api.md, read back into the same event. A document
 * also has {@value #UNIQUE_ARG_PAIRS}, the uniqueArgs as searchable terms (see {@link #uniqueArgPair}).
 */
final class EventDocuments {
    static final String UNIQUE_ARG_PAIRS = "uniqueArgPairs";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DeliveryEventJson JSON = new DeliveryEventJson();

    private EventDocuments() {
    }

    static ObjectNode toDocument(DeliveryEvent event) {
        ObjectNode document = JSON.toJsonNode(event);
        if (!event.uniqueArgs().isEmpty()) {
            ArrayNode pairs = document.putArray(UNIQUE_ARG_PAIRS);
            event.uniqueArgs().forEach((key, value) -> pairs.add(uniqueArgPair(key, value)));
        }
        return document;
    }

    /**
     * One uniqueArg as one keyword term, {@code 5:order=42}: the sender chooses keys, so one keyword field of pairs
     * searches any key without mapping a field for each (a mapping explosion). The key's length in code points comes
     * first, so that a key holding '=' cannot pass for another pair: {@code a=b} with {@code c} is {@code 3:a=b=c},
     * {@code a} with {@code b=c} is {@code 1:a=b=c}.
     */
    static String uniqueArgPair(String key, String value) {
        return key.codePointCount(0, key.length()) + ":" + key + "=" + value;
    }

    /** The API's JSON, without the index's own fields: what a replay reads back. */
    static String toLine(DeliveryEvent event) {
        return JSON.toJsonNode(event).toString();
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
            .tags(texts(document, "tags"))
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
        return builder.uniqueArgs(uniqueArgs(document)).ignored(texts(document, "ignored")).build();
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

    private static List<String> texts(JsonNode document, String field) {
        List<String> texts = new ArrayList<>();
        document.path(field).forEach(text -> texts.add(text.asText()));
        return texts;
    }

    private static Map<String, String> uniqueArgs(JsonNode document) {
        Map<String, String> uniqueArgs = new LinkedHashMap<>();
        document.path("uniqueArgs").fields().forEachRemaining(field -> uniqueArgs.put(field.getKey(), field.getValue().asText()));
        return uniqueArgs;
    }
}
