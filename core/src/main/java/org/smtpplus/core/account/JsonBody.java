package org.smtpplus.core.account;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a request body as one JSON object, refusing what a lenient reader would silently accept.
 */
final class JsonBody {
    static final String FIELD = "body";
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            // a repeated key would otherwise silently win over the first one
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // keeps the body out of Jackson's messages, which reach the error response
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String DUPLICATE_FIELD_MESSAGE = "Duplicate field";
    private static final String START_MARKER = " (start marker at";

    static ObjectNode readObject(String json) throws InvalidAccountException {
        if (json.isBlank()) {
            throw new InvalidAccountException(FIELD, "must be a JSON object, got an empty body");
        }
        JsonNode root = parse(json);
        if (!root.isObject()) {
            throw new InvalidAccountException(FIELD, "must be a JSON object, got " + JsonNodes.describe(root));
        }
        return (ObjectNode) root;
    }

    private static JsonNode parse(String json) throws InvalidAccountException {
        try {
            return MAPPER.readTree(json);
        } catch (JsonParseException e) {
            // Jackson tells a repeated key only by its message
            if (e.getOriginalMessage().startsWith(DUPLICATE_FIELD_MESSAGE)) {
                throw new InvalidAccountException(path(e.getProcessor().getParsingContext()), "appears more than once");
            }
            throw invalidJson(e);
        } catch (JsonProcessingException e) {
            throw invalidJson(e);
        }
    }

    private static InvalidAccountException invalidJson(JsonProcessingException e) {
        String reason = e.getOriginalMessage();
        int startMarker = reason.indexOf(START_MARKER);
        if (startMarker >= 0) {
            reason = reason.substring(0, startMarker);
        }
        JsonLocation location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new InvalidAccountException(FIELD, "is not valid JSON" + where + ": " + reason);
    }

    /**
     * The dotted path of the parser's position, e.g. {@code plan.messagesPerMonth}.
     */
    private static String path(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return "";
        }
        String parent = path(context.getParent());
        if (context.inArray()) {
            return parent + "[" + context.getCurrentIndex() + "]";
        }
        return parent.isEmpty() ? context.getCurrentName() : parent + "." + context.getCurrentName();
    }

    private JsonBody() {
    }
}
