package org.smtpplus.core.suppression;

import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of {@code /smtpplus/suppressions} (docs/api.md#suppressions): the PUT body in, entries out. Thread-safe.
 */
public final class SuppressionJson {
    // the caller owns the writer: an HTTP response may have more to do after the array
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /**
     * Validates a PUT body {@code {"reason":"...","list":"..."}}: reason {@code manual} and no list (a global entry)
     * unless given; an empty body takes both defaults.
     */
    public SuppressionRequest parsePut(String json) throws InvalidSuppressionException {
        return SuppressionRequestReader.read(json);
    }

    /**
     * {@code {"address","list","reason","at"}}, {@code list} null for a global entry, {@code at} in ISO-8601.
     */
    public ObjectNode toJsonNode(Suppression suppression) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("address", suppression.address());
        node.put("list", suppression.list().orElse(null));
        node.put("reason", suppression.reason().asJson());
        node.put("at", suppression.at().toString());
        return node;
    }

    // JsonNode.toString() writes valid JSON since Jackson 2.10
    public String toJson(Suppression suppression) {
        return toJsonNode(suppression).toString();
    }

    /**
     * Writes the entries as one JSON array as they come, so that an export of any size needs little memory.
     * Leaves {@code out} open.
     */
    public void writeArray(Stream<Suppression> suppressions, Writer out) throws IOException {
        try (JsonGenerator generator = MAPPER.createGenerator(out)) {
            generator.writeStartArray();
            Iterator<Suppression> entries = suppressions.iterator();
            while (entries.hasNext()) {
                MAPPER.writeTree(generator, toJsonNode(entries.next()));
            }
            generator.writeEndArray();
        }
    }
}
