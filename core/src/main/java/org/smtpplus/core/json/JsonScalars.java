package org.smtpplus.core.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the JSON values that become merge values (the directive's {@code vars}, subscriber fields): strings,
 * numbers and booleans, all as text.
 */
public final class JsonScalars {
    /**
     * A string as it is, a number as its {@link JsonNumbers#text}, a boolean as {@code true} or {@code false}.
     *
     * @throws JsonReadException naming {@code path}, for any other value and for a number too large to be exact
     */
    public static String text(String path, JsonNode value, JsonDescriptions descriptions) throws JsonReadException {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            if (JsonNumbers.isBeyondDouble(value)) {
                throw new JsonReadException(path, "is a number too large to be exact: send it as a string");
            }
            return JsonNumbers.text(value);
        }
        if (value.isBoolean()) {
            return String.valueOf(value.booleanValue());
        }
        throw new JsonReadException(path, "must be a string, number or boolean, got " + descriptions.describe(value));
    }

    private JsonScalars() {
    }
}
