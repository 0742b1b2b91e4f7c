package org.smtpplus.core.schedule;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The scheduled messages as {@code GET /smtpplus/scheduled} lists them (docs/scheduling.md): a JSON array of
 * {@code {"messageId","batchId","sendAt","account","recipients"}}, {@code batchId} null when the message has none.
 */
public final class ScheduledMessageJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static String toJsonArray(List<ScheduledMessage> messages) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ScheduledMessage message : messages) {
            ObjectNode node = array.addObject();
            node.put("messageId", message.messageId());
            node.put("batchId", message.batchId().orElse(null));
            node.put("sendAt", message.sendAt().toString());
            node.put("account", message.account());
            message.recipients().forEach(node.putArray("recipients")::add);
        }
        return array.toString();
    }

    /** {@code {"cancelled": n}} */
    public static String cancelled(int count) {
        return MAPPER.createObjectNode().put("cancelled", count).toString();
    }

    private ScheduledMessageJson() {
    }
}
