package org.smtpplus.core.suppression;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.json.JsonReadException;
import org.smtpplus.core.json.StrictJsonReader;
import org.smtpplus.core.subscriber.ListNames;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Validates a {@code PUT /smtpplus/suppressions/{address}} body (docs/api.md#suppressions) into a
 * {@link SuppressionRequest}.
 */
final class SuppressionRequestReader {
    private static final String BODY = "body";
    private static final String REASON = "reason";
    private static final String LIST = "list";
    private static final List<String> KNOWN_FIELDS = List.of(REASON, LIST);
    private static final SuppressionReason DEFAULT_REASON = SuppressionReason.MANUAL;
    private static final JsonDescriptions DESCRIPTIONS = JsonDescriptions.UNICODE;
    private static final StrictJsonReader READER =
        new StrictJsonReader(StrictJsonReader.Decimals.AS_DOUBLES, DESCRIPTIONS, "an empty body");
    private static final String REASONS = Arrays.stream(SuppressionReason.values())
        .map(SuppressionReason::asJson)
        .collect(Collectors.joining(", "));

    /**
     * An empty body asks for the defaults, a global {@code manual} entry: {@code curl -X PUT} alone is enough to
     * stop mail to an address.
     */
    static SuppressionRequest read(String json) throws InvalidSuppressionException {
        SuppressionReason reason = DEFAULT_REASON;
        Optional<String> list = Optional.empty();
        if (json.isBlank()) {
            return new SuppressionRequest(reason, list);
        }
        Iterator<Map.Entry<String, JsonNode>> entries = readObject(json).fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode value = entry.getValue();
            switch (entry.getKey()) {
                case REASON:
                    reason = value.isNull() ? DEFAULT_REASON : reason(value);
                    break;
                case LIST:
                    list = value.isNull() ? Optional.empty() : Optional.of(list(value));
                    break;
                default:
                    throw new InvalidSuppressionException(entry.getKey(),
                        "is not a known field; known fields: " + String.join(", ", KNOWN_FIELDS));
            }
        }
        return new SuppressionRequest(reason, list);
    }

    private static ObjectNode readObject(String json) throws InvalidSuppressionException {
        try {
            return READER.readObject(json);
        } catch (JsonReadException e) {
            throw new InvalidSuppressionException(e.path().isEmpty() ? BODY : e.path(), e.problem());
        }
    }

    private static SuppressionReason reason(JsonNode value) throws InvalidSuppressionException {
        String reason = string(REASON, value);
        return SuppressionReason.fromJson(reason).orElseThrow(() -> new InvalidSuppressionException(REASON,
            "must be one of " + REASONS + ", got " + DESCRIPTIONS.quote(reason)));
    }

    private static String list(JsonNode value) throws InvalidSuppressionException {
        String list = string(LIST, value);
        if (!ListNames.isValid(list)) {
            throw new InvalidSuppressionException(LIST, ListNames.refusal(list, DESCRIPTIONS));
        }
        return list;
    }

    private static String string(String path, JsonNode value) throws InvalidSuppressionException {
        if (!value.isTextual()) {
            throw new InvalidSuppressionException(path, "must be a string, got " + DESCRIPTIONS.describe(value));
        }
        return value.textValue();
    }

    private SuppressionRequestReader() {
    }
}
