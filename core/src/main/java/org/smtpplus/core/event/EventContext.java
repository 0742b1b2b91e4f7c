package org.smtpplus.core.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What every event about one message shares (account, reporting keys, list, message id, size). It travels with
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

    public EventContext(String account, Optional<String> customId, List<String> tags, String list, String messageId, long size) {
        this.account = Objects.requireNonNull(account);
        this.customId = Objects.requireNonNull(customId);
        this.tags = List.copyOf(tags);
        this.list = Objects.requireNonNull(list);
        this.messageId = Objects.requireNonNull(messageId);
        this.size = size;
    }

    public static EventContext fromJson(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            List<String> tags = new ArrayList<>();
            node.path("tags").forEach(tag -> tags.add(tag.asText()));
            return new EventContext(node.path("account").asText(),
                Optional.ofNullable(node.path("customId").textValue()),
                tags,
                node.path("list").asText(),
                node.path("messageId").asText(),
                node.path("size").asLong());
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
            .size(size);
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

    @Override
    public boolean equals(Object o) {
        if (o instanceof EventContext) {
            EventContext that = (EventContext) o;
            return account.equals(that.account) && customId.equals(that.customId) && tags.equals(that.tags)
                && list.equals(that.list) && messageId.equals(that.messageId) && size == that.size;
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(account, customId, tags, list, messageId, size);
    }

    @Override
    public String toString() {
        return "EventContext" + toJson();
    }
}
