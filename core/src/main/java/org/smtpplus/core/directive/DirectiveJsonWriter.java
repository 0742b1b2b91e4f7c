package org.smtpplus.core.directive;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

final class DirectiveJsonWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static String write(Directive directive) {
        ObjectNode root = MAPPER.createObjectNode();
        if (!directive.vars().isEmpty()) {
            root.set(DirectiveFields.VARS, varsNode(directive.vars()));
        }
        if (!directive.rcptVars().isEmpty()) {
            ObjectNode rcptVars = root.putObject(DirectiveFields.RCPT_VARS);
            directive.rcptVars().forEach((address, vars) -> rcptVars.set(address, varsNode(vars)));
        }
        // Instant#toString is ISO 8601 in UTC with seconds always written: an RFC 3339 date-time
        directive.sendAt().ifPresent(sendAt -> root.put(DirectiveFields.SEND_AT, sendAt.toString()));
        putIfPresent(root, DirectiveFields.BATCH_ID, directive.batchId());
        putIfPresent(root, DirectiveFields.CUSTOM_ID, directive.customId());
        if (!directive.tags().isEmpty()) {
            directive.tags().forEach(root.putArray(DirectiveFields.TAGS)::add);
        }
        putIfPresent(root, DirectiveFields.LIST, directive.list());
        directive.header().ifPresent(value -> root.put(DirectiveFields.HEADER, value));
        directive.footer().ifPresent(value -> root.put(DirectiveFields.FOOTER, value));
        directive.unsubscribe().ifPresent(value -> root.put(DirectiveFields.UNSUBSCRIBE, value));
        if (directive.trackOpens().isPresent() || directive.trackClicks().isPresent()) {
            ObjectNode track = root.putObject(DirectiveFields.TRACK);
            directive.trackOpens().ifPresent(value -> track.put(DirectiveFields.OPENS, value));
            directive.trackClicks().ifPresent(value -> track.put(DirectiveFields.CLICKS, value));
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serialises", e);
        }
    }

    private static ObjectNode varsNode(Map<String, String> vars) {
        ObjectNode node = MAPPER.createObjectNode();
        vars.forEach(node::put);
        return node;
    }

    private static void putIfPresent(ObjectNode root, String field, Optional<String> value) {
        value.ifPresent(text -> root.put(field, text));
    }

    private DirectiveJsonWriter() {
    }
}
