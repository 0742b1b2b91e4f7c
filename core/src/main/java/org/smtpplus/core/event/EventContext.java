package org.smtpplus.core.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What every event about one message shares (account, reporting keys, list, message id, size, the sender's unique
 * args). It travels with
 * each recipient copy as JSON, so that the delivery steps far from the submission (sent, deferred, bounced) report
 * under the same keys.
 */
public final class EventContext {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String account;
    private final Optional<String> customId;
    private final List<String> tags;
    private final String list;
    private final String messageId;
    private final long size;
    private final Map<String, String> uniqueArgs;

    public EventContext(String account, Optional<String> customId, List<String> tags, String list, String messageId, long size) {
        this(account, customId, tags, list, messageId, size, Map.of());
    }

    public EventContext(String account, Optional<String> customId, List<String> tags, String list, String messageId, long size,
                        Map<String, String> uniqueArgs) {
        this.account = Objects.requireNonNull(account);
        this.customId = Objects.requireNonNull(customId);
        this.tags = List.copyOf(tags);
        this.list = Objects.requireNonNull(list);
        this.messageId = Objects.requireNonNull(messageId);
        this.size = size;
        this.uniqueArgs = DeliveryEvent.sorted(uniqueArgs);
    }

    public static EventContext fromJson(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            List<String> tags = new ArrayList<>();
            node.path("tags").forEach(tag -> tags.add(tag.asText()));
            // absent from the contexts of copies queued before unique args were kept
            Map<String, String> uniqueArgs = new LinkedHashMap<>();
            node.path("uniqueArgs").fields().forEachRemaining(field -> uniqueArgs.put(field.getKey(), field.getValue().asText()));
            return new EventContext(node.path("account").asText(),
                Optional.ofNullable(node.path("customId").textValue()),
                tags,
                node.path("list").asText(),
                node.path("messageId").asText(),
                node.path("size").asLong(),
                uniqueArgs);
        } catch (IOException e) {
            throw new UncheckedIOException("Not an event context: " + json, e);
        }
    }

    public String toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("account", account);
        node.put("customId", customId.orElse(null));
        tags.forEach(node.putArray("tags")::add);
        node.put("list", list);
        node.put("messageId", messageId);
        node.put("size", size);
        if (!uniqueArgs.isEmpty()) {
            uniqueArgs.forEach(node.putObject("uniqueArgs")::put);
        }
        return node.toString();
    }

    public DeliveryEvent.Builder event(EventType type, Instant at, String recipient) {
        return DeliveryEvent.builder(type, at)
            .account(account)
            .customId(customId)
            .tags(tags)
            .list(list)
            .recipient(recipient)
            .messageId(messageId)
            .size(size)
            .uniqueArgs(uniqueArgs);
    }

    public String account() {
        return account;
    }

    public String messageId() {
        return messageId;
    }

    public String list() {
        return list;
    }

    /** Sorted by key; empty when the sender gave none. */
    public Map<String, String> uniqueArgs() {
        return uniqueArgs;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof EventContext) {
            EventContext that = (EventContext) o;
            return account.equals(that.account) && customId.equals(that.customId) && tags.equals(that.tags)
                && list.equals(that.list) && messageId.equals(that.messageId) && size == that.size
                && uniqueArgs.equals(that.uniqueArgs);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(account, customId, tags, list, messageId, size, uniqueArgs);
    }

    @Override
    public String toString() {
        return "EventContext" + toJson();
    }
}
