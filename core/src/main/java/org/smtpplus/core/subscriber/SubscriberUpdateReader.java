package org.smtpplus.core.subscriber;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.smtpplus.core.json.JsonReadException;
import org.smtpplus.core.json.JsonScalars;
import org.smtpplus.core.json.StrictJsonReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Validates a {@code PUT /smtpplus/lists/{list}/subscribers/{address}} body (docs/api.md#subscribers) into a
 * {@link SubscriberUpdate}.
 */
final class SubscriberUpdateReader {
    private static final String BODY = "body";
    private static final String FIELDS = "fields";
    private static final String STATUS = "status";
    private static final List<String> KNOWN_FIELDS = List.of(FIELDS, STATUS);
    private static final String CASE_RULE = "field names are case-insensitive, as merge tags are";
    // exact decimals: a field is a merge value, and 19.90 must not be mailed as 19.9
    private static final StrictJsonReader READER =
        new StrictJsonReader(StrictJsonReader.Decimals.EXACT, SubscriberValues.DESCRIPTIONS, "an empty body");

    static SubscriberUpdate read(String json) throws InvalidSubscriberException {
        Optional<Map<String, String>> fields = Optional.empty();
        Optional<SubscriberStatus> status = Optional.empty();
        Iterator<Map.Entry<String, JsonNode>> entries = readObject(json).fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            switch (entry.getKey()) {
                case FIELDS:
                    fields = Optional.of(fields(entry.getValue()));
                    break;
                case STATUS:
                    status = Optional.of(status(entry.getValue()));
                    break;
                default:
                    throw new InvalidSubscriberException(entry.getKey(),
                        "is not a known field; known fields: " + String.join(", ", KNOWN_FIELDS));
            }
        }
        return new SubscriberUpdate(fields, status);
    }

    private static ObjectNode readObject(String json) throws InvalidSubscriberException {
        try {
            return READER.readObject(json);
        } catch (JsonReadException e) {
            throw refusal(e);
        }
    }

    private static Map<String, String> fields(JsonNode value) throws InvalidSubscriberException {
        if (!value.isObject()) {
            throw new InvalidSubscriberException(FIELDS, "must be an object of strings, numbers or booleans, got "
                + SubscriberValues.DESCRIPTIONS.describe(value));
        }
        SubscriberValues.checkFieldCount(FIELDS, value.size());
        Map<String, String> fields = new TreeMap<>();
        Map<String, String> namesByCaseKey = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = entry.getKey();
            if (!SubscriberValues.isFieldName(name)) {
                throw new InvalidSubscriberException(FIELDS, "has a name that is not valid, "
                    + SubscriberValues.DESCRIPTIONS.quote(name) + ": " + SubscriberValues.FIELD_NAME_RULE);
            }
            String path = FIELDS + "." + name;
            String clash = namesByCaseKey.putIfAbsent(SubscriberValues.caseKey(name), name);
            if (clash != null) {
                throw new InvalidSubscriberException(path,
                    "clashes with " + SubscriberValues.DESCRIPTIONS.quote(clash) + ": " + CASE_RULE);
            }
            String text = scalarText(path, entry.getValue());
            SubscriberValues.checkFieldValue(path, text);
            fields.put(name, text);
        }
        return fields;
    }

    private static String scalarText(String path, JsonNode value) throws InvalidSubscriberException {
        try {
            return JsonScalars.text(path, value, SubscriberValues.DESCRIPTIONS);
        } catch (JsonReadException e) {
            throw refusal(e);
        }
    }

    private static SubscriberStatus status(JsonNode value) throws InvalidSubscriberException {
        if (!value.isTextual()) {
            throw new InvalidSubscriberException(STATUS,
                "must be a string, got " + SubscriberValues.DESCRIPTIONS.describe(value));
        }
        return SubscriberValues.status(STATUS, value.textValue());
    }

    private static InvalidSubscriberException refusal(JsonReadException e) {
        return new InvalidSubscriberException(e.path().isEmpty() ? BODY : e.path(), e.problem());
    }

    private SubscriberUpdateReader() {
    }
}
