package org.smtpplus.core.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An event as docs/api.md writes it:
 * {@code {"event","at","account","customId","tags","list","recipient","messageId","size","status","diagnostic","reason",
 * "url","userAgent","ip","first","machine","uniqueArgs","ignored"}}, those after size where they apply (uniqueArgs and
 * ignored when not empty).
 */
public final class DeliveryEventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ObjectNode toJsonNode(DeliveryEvent event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("event", event.type().asJson());
        node.put("at", event.at().toString());
        node.put("account", event.account());
        node.put("customId", event.customId().orElse(null));
        ArrayNode tags = node.putArray("tags");
        event.tags().forEach(tags::add);
        node.put("list", event.list());
        node.put("recipient", event.recipient());
        node.put("messageId", event.messageId());
        node.put("size", event.size());
        event.status().ifPresent(status -> node.put("status", status));
        event.diagnostic().ifPresent(diagnostic -> node.put("diagnostic", diagnostic));
        event.reason().ifPresent(reason -> node.put("reason", reason));
        event.url().ifPresent(url -> node.put("url", url));
        event.userAgent().ifPresent(userAgent -> node.put("userAgent", userAgent));
        event.ip().ifPresent(ip -> node.put("ip", ip));
        event.first().ifPresent(first -> node.put("first", first));
        event.machine().ifPresent(machine -> node.put("machine", machine));
        if (!event.uniqueArgs().isEmpty()) {
            event.uniqueArgs().forEach(node.putObject("uniqueArgs")::put);
        }
        if (!event.ignored().isEmpty()) {
            event.ignored().forEach(node.putArray("ignored")::add);
        }
        return node;
    }

    public String toJson(Iterable<DeliveryEvent> events) {
        ArrayNode array = MAPPER.createArrayNode();
        events.forEach(event -> array.add(toJsonNode(event)));
        return array.toString();
    }
}
