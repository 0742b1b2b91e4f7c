package org.smtpplus.core.directive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.json.JsonReadException;
import org.smtpplus.core.json.JsonScalars;
import org.smtpplus.core.subscriber.ListNames;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Validates the fields of a directive object against docs/headers.md#x-smtpplus.
 */
final class DirectiveReader {
    private static final JsonDescriptions DESCRIPTIONS = JsonDescriptions.PRINTABLE_ASCII;
    static final int MAX_TAGS = 10;
    private static final int MAX_ID_CHARS = 128;
    private static final int MAX_TAG_CHARS = 128;
    // the syntax of merge-tag names (docs/headers.md#what-each-recipient-receives)
    static final Pattern VAR_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]+");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s\\p{Cntrl}@]+@[^\\s\\p{Cntrl}@]+");

    private final SendAtReader sendAtReader;

    DirectiveReader(Instant now) {
        this.sendAtReader = new SendAtReader(now);
    }

    Directive read(ObjectNode root) throws InvalidDirectiveException {
        Directive.Builder builder = Directive.builder();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            readField(field.getKey(), field.getValue(), builder);
        }
        return builder.build();
    }

    private void readField(String name, JsonNode value, Directive.Builder builder) throws InvalidDirectiveException {
        switch (name) {
            case DirectiveFields.VARS:
                builder.vars(vars(name, value));
                break;
            case DirectiveFields.RCPT_VARS:
                builder.rcptVars(rcptVars(value));
                break;
            case DirectiveFields.SEND_AT:
                builder.sendAt(sendAtReader.read(value));
                break;
            case DirectiveFields.BATCH_ID:
                builder.batchId(batchId(value));
                break;
            case DirectiveFields.CUSTOM_ID:
                builder.customId(customId(value));
                break;
            case DirectiveFields.TAGS:
                builder.tags(tags(value));
                break;
            case DirectiveFields.LIST:
                builder.list(list(value));
                break;
            case DirectiveFields.HEADER:
                builder.header(bool(name, value));
                break;
            case DirectiveFields.FOOTER:
                builder.footer(bool(name, value));
                break;
            case DirectiveFields.UNSUBSCRIBE:
                builder.unsubscribe(bool(name, value));
                break;
            case DirectiveFields.TRACK:
                track(value, builder);
                break;
            default:
                throw unknownField(name);
        }
    }

    private static InvalidDirectiveException unknownField(String name) {
        String suggestion = DirectiveFields.ALL.stream()
            .filter(known -> known.equalsIgnoreCase(name))
            .map(known -> " (did you mean '" + known + "'? field names are case-sensitive)")
            .findFirst()
            .orElse("");
        return new InvalidDirectiveException(name,
            "is not a known field" + suggestion + "; known fields: " + String.join(", ", DirectiveFields.ALL));
    }

    static Map<String, String> vars(String path, JsonNode value) throws InvalidDirectiveException {
        Map<String, String> vars = new LinkedHashMap<>();
        // merge tags match names case-insensitively, so two names differing in case would be ambiguous
        Map<String, String> namesByLowerCase = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object(path, value).fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String varPath = path + "." + name;
            if (!VAR_NAME.matcher(name).matches()) {
                throw new InvalidDirectiveException(varPath,
                    "is not a valid merge-tag name: use only letters, digits, '_', '.' and '-'");
            }
            String clash = namesByLowerCase.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (clash != null) {
                throw new InvalidDirectiveException(varPath,
                    "clashes with '" + clash + "': merge-tag names are case-insensitive");
            }
            vars.put(name, scalarText(varPath, field.getValue()));
        }
        return vars;
    }

    private static String scalarText(String path, JsonNode value) throws InvalidDirectiveException {
        try {
            return JsonScalars.text(path, value, DESCRIPTIONS);
        } catch (JsonReadException e) {
            throw new InvalidDirectiveException(e.path(), e.problem());
        }
    }

    private static Map<String, Map<String, String>> rcptVars(JsonNode value) throws InvalidDirectiveException {
        Map<String, Map<String, String>> rcptVars = new LinkedHashMap<>();
        Map<String, String> addressesByLowerCase = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object(DirectiveFields.RCPT_VARS, value).fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String address = field.getKey();
            String path = DirectiveFields.RCPT_VARS + "." + address;
            if (!ADDRESS.matcher(address).matches()) {
                throw new InvalidDirectiveException(path, "is not an email address (local@domain, no spaces)");
            }
            String clash = addressesByLowerCase.putIfAbsent(address.toLowerCase(Locale.ROOT), address);
            if (clash != null) {
                throw new InvalidDirectiveException(path,
                    "repeats " + DESCRIPTIONS.quote(clash) + ": addresses are case-insensitive");
            }
            rcptVars.put(address, vars(path, field.getValue()));
        }
        return rcptVars;
    }

    static String batchId(JsonNode value) throws InvalidDirectiveException {
        String batchId = string(DirectiveFields.BATCH_ID, value);
        if (batchId.length() > MAX_ID_CHARS || batchId.isBlank() || !PRINTABLE_ASCII.matcher(batchId).matches()) {
            throw new InvalidDirectiveException(DirectiveFields.BATCH_ID,
                "must be 1 to " + MAX_ID_CHARS + " printable ASCII characters, not all spaces, got "
                    + DESCRIPTIONS.quote(batchId));
        }
        return batchId;
    }

    private static String customId(JsonNode value) throws InvalidDirectiveException {
        String customId = string(DirectiveFields.CUSTOM_ID, value);
        int length = customId.codePointCount(0, customId.length());
        if (length > MAX_ID_CHARS) {
            throw new InvalidDirectiveException(DirectiveFields.CUSTOM_ID,
                "must be at most " + MAX_ID_CHARS + " characters, got " + length);
        }
        if (customId.isBlank()) {
            throw new InvalidDirectiveException(DirectiveFields.CUSTOM_ID, "must not be blank");
        }
        return customId;
    }

    static List<String> tags(JsonNode value) throws InvalidDirectiveException {
        if (!value.isArray()) {
            throw new InvalidDirectiveException(DirectiveFields.TAGS,
                "must be an array of strings, got " + DESCRIPTIONS.describe(value));
        }
        if (value.size() > MAX_TAGS) {
            throw new InvalidDirectiveException(DirectiveFields.TAGS,
                "must have at most " + MAX_TAGS + " tags, got " + value.size());
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            tags.add(tag(DirectiveFields.TAGS + "[" + i + "]", value.get(i)));
        }
        return tags;
    }

    static String tag(String path, JsonNode value) throws InvalidDirectiveException {
        String tag = string(path, value);
        int length = tag.codePointCount(0, tag.length());
        if (length < 1 || length > MAX_TAG_CHARS) {
            throw new InvalidDirectiveException(path, "must be 1 to " + MAX_TAG_CHARS + " characters, got " + length);
        }
        if (tag.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidDirectiveException(path, "must not contain control characters, got " + DESCRIPTIONS.quote(tag));
        }
        return tag;
    }

    static String list(JsonNode value) throws InvalidDirectiveException {
        String list = string(DirectiveFields.LIST, value);
        if (!ListNames.isValid(list)) {
            throw new InvalidDirectiveException(DirectiveFields.LIST, ListNames.refusal(list, DESCRIPTIONS));
        }
        return list;
    }

    /** {@code {"opens":bool,"clicks":bool}}: each one given overrides the account's (docs/tracking.md). */
    private static void track(JsonNode value, Directive.Builder builder) throws InvalidDirectiveException {
        ObjectNode track = object(DirectiveFields.TRACK, value);
        Iterator<Map.Entry<String, JsonNode>> fields = track.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = DirectiveFields.TRACK + "." + field.getKey();
            switch (field.getKey()) {
                case DirectiveFields.OPENS:
                    builder.trackOpens(bool(path, field.getValue()));
                    break;
                case DirectiveFields.CLICKS:
                    builder.trackClicks(bool(path, field.getValue()));
                    break;
                default:
                    throw new InvalidDirectiveException(path, "is not a known field; known fields: "
                        + String.join(", ", DirectiveFields.TRACK_FIELDS));
            }
        }
    }

    private static ObjectNode object(String path, JsonNode value) throws InvalidDirectiveException {
        if (!value.isObject()) {
            throw new InvalidDirectiveException(path, "must be an object, got " + DESCRIPTIONS.describe(value));
        }
        return (ObjectNode) value;
    }

    private static String string(String path, JsonNode value) throws InvalidDirectiveException {
        if (!value.isTextual()) {
            throw new InvalidDirectiveException(path, "must be a string, got " + DESCRIPTIONS.describe(value));
        }
        return value.textValue();
    }

    private static boolean bool(String path, JsonNode value) throws InvalidDirectiveException {
        if (!value.isBoolean()) {
            throw new InvalidDirectiveException(path, "must be a boolean, got " + DESCRIPTIONS.describe(value));
        }
        return value.booleanValue();
    }
}
