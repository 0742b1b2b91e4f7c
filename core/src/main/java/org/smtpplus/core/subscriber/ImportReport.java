package org.smtpplus.core.subscriber;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer to a subscriber import: {@code {"imported":n,"refused":n,"errors":[{"line":n,"message":"..."}]}}.
 * Lists the first {@value #MAX_LISTED_ERRORS} refused lines only, so that a file of bad lines of any size needs
 * little memory; {@code refused} counts them all. Not thread-safe: one import fills it.
 */
public final class ImportReport {
    public static final int MAX_LISTED_ERRORS = 1000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<ImportLine> errors = new ArrayList<>();
    private long imported;
    private long refused;

    public void imported() {
        imported++;
    }

    public void refused(long line, String problem) {
        refused++;
        if (errors.size() < MAX_LISTED_ERRORS) {
            errors.add(ImportLine.refused(line, problem));
        }
    }

    public ObjectNode toJsonNode() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("imported", imported);
        node.put("refused", refused);
        ArrayNode listed = node.putArray("errors");
        errors.forEach(error -> listed.addObject()
            .put("line", error.number())
            .put("message", error.problem().orElseThrow()));
        return node;
    }

    // JsonNode.toString() writes valid JSON since Jackson 2.10
    public String toJson() {
        return toJsonNode().toString();
    }
}
