package org.smtpplus.core.json;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a text as one JSON object, refusing what a lenient reader would silently accept. Thread-safe.
 */
public final class StrictJsonReader {
    /**
     * How numbers with a fraction or an exponent are read.
     */
    public enum Decimals {
        /**
         * As doubles, Jackson's default.
         */
        AS_DOUBLES,
        /**
         * As written: {@code 19.90} stays {@code 19.90}.
         */
        EXACT
    }

    private static final String DUPLICATE_FIELD_MESSAGE = "Duplicate field";
    private static final String START_MARKER = " (start marker at";

    private final ObjectMapper mapper;
    private final JsonDescriptions descriptions;
    private final String emptyText;

    /**
     * @param descriptions how the refusal of a text that is not an object echoes it
     * @param emptyText    what the refusal of an empty or blank text calls it, e.g. {@code an empty body}
     */
    public StrictJsonReader(Decimals decimals, JsonDescriptions descriptions, String emptyText) {
        this.mapper = mapper(decimals);
        this.descriptions = Objects.requireNonNull(descriptions, "descriptions");
        this.emptyText = Objects.requireNonNull(emptyText, "emptyText");
    }

    private static ObjectMapper mapper(Decimals decimals) {
        ObjectMapper mapper = new ObjectMapper(JsonFactory.builder()
                // a repeated key would otherwise silently win over the first one
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // keeps the text out of Jackson's messages, which reach the refusal
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        if (decimals == Decimals.EXACT) {
            mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        }
        return mapper;
    }

    public ObjectNode readObject(String json) throws JsonReadException {
        if (json.isBlank()) {
            throw new JsonReadException("", "must be a JSON object, got " + emptyText);
        }
        JsonNode root = parse(json);
        if (!root.isObject()) {
            throw new JsonReadException("", "must be a JSON object, got " + descriptions.describe(root));
        }
        return (ObjectNode) root;
    }

    private JsonNode parse(String json) throws JsonReadException {
        try {
            return mapper.readTree(json);
        } catch (JsonParseException e) {
            // Jackson tells a repeated key only by its message
            if (e.getOriginalMessage().startsWith(DUPLICATE_FIELD_MESSAGE)) {
                throw new JsonReadException(path(e.getProcessor().getParsingContext()), "appears more than once");
            }
            throw invalidJson(e);
        } catch (JsonProcessingException e) {
            throw invalidJson(e);
        } catch (NumberFormatException e) {
            // Jackson lets this through for a decimal whose exponent a BigDecimal cannot hold
            throw new JsonReadException("", "has a number whose exponent is out of range");
        }
    }

    private static JsonReadException invalidJson(JsonProcessingException e) {
        String reason = e.getOriginalMessage();
        int startMarker = reason.indexOf(START_MARKER);
        if (startMarker >= 0) {
            reason = reason.substring(0, startMarker);
        }
        JsonLocation location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new JsonReadException("", "is not valid JSON" + where + ": " + reason);
    }

    /**
     * The dotted path of the parser's position, e.g. {@code plan.messagesPerMonth}: built from the innermost context
     * out, without recursion, as a text may nest arrays and objects as deep as its length allows.
     */
    private static String path(JsonStreamContext innermost) {
        Deque<JsonStreamContext> contexts = new ArrayDeque<>();
        JsonStreamContext context = innermost;
        while (context != null && !context.inRoot()) {
            contexts.addFirst(context);
            context = context.getParent();
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext step : contexts) {
            if (step.inArray()) {
                path.append('[').append(step.getCurrentIndex()).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(Objects.toString(step.getCurrentName(), ""));
            }
        }
        return path.toString();
    }
}
