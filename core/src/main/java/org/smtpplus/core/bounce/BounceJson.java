package org.smtpplus.core.bounce;

import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of {@code GET /smtpplus/bounces} (docs/api.md). Thread-safe.
 */
public final class BounceJson {
    // the caller owns the writer: an HTTP response may have more to do after the array
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /**
     * {@code {"recipient","type","reason","status","diagnostic","at","account","messageId"}}, {@code status} null when the
     * bounce had no enhanced status code, {@code at} in ISO-8601 UTC.
     */
    public ObjectNode toJsonNode(Bounce bounce) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("recipient", bounce.recipient());
        node.put("type", bounce.type().asJson());
        node.put("reason", bounce.reason().asJson());
        node.put("status", bounce.status().orElse(null));
        node.put("diagnostic", bounce.diagnostic());
        node.put("at", bounce.at().toString());
        node.put("account", bounce.account());
        node.put("messageId", bounce.messageId());
        return node;
    }

    // JsonNode.toString() writes valid JSON since Jackson 2.10
    public String toJson(Bounce bounce) {
        return toJsonNode(bounce).toString();
    }

    /**
     * Writes the entries as one JSON array as they come, so that a list of any size needs little memory. Leaves
     * {@code out} open.
     */
    public void writeArray(Stream<Bounce> bounces, Writer out) throws IOException {
        try (JsonGenerator generator = MAPPER.createGenerator(out)) {
            generator.writeStartArray();
            Iterator<Bounce> entries = bounces.iterator();
            while (entries.hasNext()) {
                MAPPER.writeTree(generator, toJsonNode(entries.next()));
            }
            generator.writeEndArray();
        }
    }
}
