package org.smtpplus.core.directive;

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
 * Reads the directive text as one JSON object, refusing what a lenient reader would silently accept.
 */
final class JsonObjectReader {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            // a repeated key would otherwise silently win over the first one
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // keeps the header text out of Jackson's messages, which reach the SMTP reply
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        // keeps decimals as written (19.90 stays 19.90) for merge vars
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final String DUPLICATE_FIELD_MESSAGE = "Duplicate field";
    private static final String START_MARKER = " (start marker at";

    static ObjectNode read(String json) throws InvalidDirectiveException {
        if (json.isBlank()) {
            throw new InvalidDirectiveException(DirectiveParser.HEADER_NAME, "must be a JSON object, got an empty value");
        }
        JsonNode root = parse(json);
        if (!root.isObject()) {
            throw new InvalidDirectiveException(DirectiveParser.HEADER_NAME,
                "must be a JSON object, got " + JsonValues.describe(root));
        }
        return (ObjectNode) root;
    }

    private static JsonNode parse(String json) throws InvalidDirectiveException {
        try {
            return MAPPER.readTree(json);
        } catch (JsonParseException e) {
            // Jackson tells a repeated key only by its message
            if (e.getOriginalMessage().startsWith(DUPLICATE_FIELD_MESSAGE)) {
                throw new InvalidDirectiveException(path(e.getProcessor().getParsingContext()), "appears more than once");
            }
            throw invalidJson(e);
        } catch (JsonProcessingException e) {
            throw invalidJson(e);
        } catch (NumberFormatException e) {
            // Jackson lets this through for a decimal whose exponent a BigDecimal cannot hold
            throw new InvalidDirectiveException(DirectiveParser.HEADER_NAME, "has a number whose exponent is out of range");
        }
    }

    private static InvalidDirectiveException invalidJson(JsonProcessingException e) {
        String reason = e.getOriginalMessage();
        int startMarker = reason.indexOf(START_MARKER);
        if (startMarker >= 0) {
            reason = reason.substring(0, startMarker);
        }
        JsonLocation location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new InvalidDirectiveException(DirectiveParser.HEADER_NAME, "is not valid JSON" + where + ": " + reason);
    }

    /**
     * The dotted path of the parser's position, e.g. {@code rcptVars.bob@example.com.name}.
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

    private JsonObjectReader() {
    }
}
