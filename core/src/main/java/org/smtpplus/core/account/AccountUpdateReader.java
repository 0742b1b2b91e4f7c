package org.smtpplus.core.account;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.smtpplus.core.address.EmailAddresses;
import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.json.JsonReadException;
import org.smtpplus.core.json.StrictJsonReader;
import org.smtpplus.core.merge.TextAndHtml;
import org.smtpplus.core.pool.IpPoolNames;
import org.smtpplus.core.subscriber.ListNames;
import org.smtpplus.core.tracking.TrackingSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Validates a {@code PUT /smtpplus/accounts/{name}} body (docs/api.md#accounts) into an {@link AccountUpdate}.
 */
final class AccountUpdateReader {
    private static final String BODY = "body";
    private static final JsonDescriptions DESCRIPTIONS = JsonDescriptions.UNICODE;
    // with exact decimals, a number whose exponent a BigDecimal cannot hold would be refused for the whole body
    // instead of for its field
    private static final StrictJsonReader READER =
        new StrictJsonReader(StrictJsonReader.Decimals.AS_DOUBLES, DESCRIPTIONS, "an empty body");
    private static final int MAX_RECIPIENTS_LIMIT = 10_000;
    private static final int MAX_MESSAGE_KB_LIMIT = 51_200;
    private static final int MAX_CUSTOM_ID_CHARS = 128;
    // Far beyond any real plan, and small enough that usage arithmetic in bytes never overflows.
    private static final long MAX_MESSAGES_PER_MONTH = 10_000_000_000L;
    private static final long MAX_MEGABYTES_PER_MONTH = 1_000_000_000L;
    // RFC 5322 section 3.6.8: field-name = 1*ftext, ftext = printable US-ASCII except ":"
    private static final Pattern FIELD_NAME = Pattern.compile("[\\x21-\\x39\\x3B-\\x7E]+");
    private static final String EXTENSION_PREFIX = "x-";
    // the relay removes its own directive headers whatever the account says
    // (docs/headers.md#what-each-recipient-receives)
    private static final List<String> ALWAYS_REMOVED = List.of("x-smtpplus", "x-smtpapi");

    static AccountUpdate read(String json) throws InvalidAccountException {
        AccountUpdate.Builder update = AccountUpdate.builder();
        Iterator<Map.Entry<String, JsonNode>> fields = readObject(json).fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            readField(field.getKey(), field.getValue(), update);
        }
        return update.build();
    }

    private static ObjectNode readObject(String json) throws InvalidAccountException {
        try {
            return READER.readObject(json);
        } catch (JsonReadException e) {
            throw new InvalidAccountException(e.path().isEmpty() ? BODY : e.path(), e.problem());
        }
    }

    private static void readField(String name, JsonNode value, AccountUpdate.Builder update) throws InvalidAccountException {
        switch (name) {
            case AccountFields.NAME:
                update.name(accountName(value));
                break;
            case AccountFields.PASSWORD:
                update.password(password(value));
                break;
            case AccountFields.AUTHORIZED_DOMAINS:
                update.authorizedDomains(orReset(value, () -> domains(name, value)));
                break;
            case AccountFields.AUTHORIZED_SENDERS:
                update.authorizedSenders(orReset(value, () -> addresses(name, value)));
                break;
            case AccountFields.PLAN:
                update.plan(orReset(value, () -> plan(value)));
                break;
            case AccountFields.OVERAGE:
                update.overage(orReset(value, () -> overage(value)));
                break;
            case AccountFields.NOTIFY:
                update.notifyAddresses(orReset(value, () -> addresses(name, value)));
                break;
            case AccountFields.DEFAULT_LIST:
                update.defaultList(orReset(value, () -> listName(value)));
                break;
            case AccountFields.DEFAULT_CUSTOM_ID:
                update.defaultCustomId(orReset(value, () -> customId(value)));
                break;
            case AccountFields.MAX_RECIPIENTS:
                update.maxRecipients(orReset(value, () -> boundedInt(name, value, MAX_RECIPIENTS_LIMIT)));
                break;
            case AccountFields.MAX_MESSAGE_KB:
                update.maxMessageKb(orReset(value, () -> boundedInt(name, value, MAX_MESSAGE_KB_LIMIT)));
                break;
            case AccountFields.PASSTHROUGH_HEADERS:
                update.passthroughHeaders(orReset(value, () -> passthroughHeaders(value)));
                break;
            case AccountFields.HEADER:
                update.header(orReset(value, () -> template(name, value)));
                break;
            case AccountFields.FOOTER:
                update.footer(orReset(value, () -> template(name, value)));
                break;
            case AccountFields.IP_POOL:
                update.ipPool(orReset(value, () -> ipPool(value)));
                break;
            case AccountFields.TRACKING:
                update.tracking(orReset(value, () -> tracking(value)));
                break;
            default:
                throw unknownField(name, AccountFields.ALL);
        }
    }

    private interface FieldReader<T> {
        T read() throws InvalidAccountException;
    }

    private static <T> FieldUpdate<T> orReset(JsonNode value, FieldReader<T> reader) throws InvalidAccountException {
        if (value.isNull()) {
            return FieldUpdate.reset();
        }
        return FieldUpdate.set(reader.read());
    }

    private static InvalidAccountException unknownField(String path, List<String> known) {
        return new InvalidAccountException(path, "is not a known field; known fields: " + String.join(", ", known));
    }

    private static String accountName(JsonNode value) throws InvalidAccountException {
        if (!value.isTextual()) {
            throw new InvalidAccountException(AccountFields.NAME, "must be a string, got " + DESCRIPTIONS.describe(value));
        }
        return value.textValue();
    }

    private static String password(JsonNode value) throws InvalidAccountException {
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw new InvalidAccountException(AccountFields.PASSWORD,
                "must be a non-empty string, got " + (value.isTextual() ? "an empty string" : DESCRIPTIONS.describe(value)));
        }
        return value.textValue();
    }

    private static List<String> domains(String path, JsonNode value) throws InvalidAccountException {
        List<String> domains = strings(path, value);
        for (int i = 0; i < domains.size(); i++) {
            if (!EmailAddresses.isDomain(domains.get(i))) {
                throw new InvalidAccountException(element(path, i),
                    "must be a domain name like shop.example (international names in their xn-- form), got "
                        + DESCRIPTIONS.quote(domains.get(i)));
            }
        }
        return domains.stream().map(domain -> domain.toLowerCase(Locale.ROOT)).collect(Collectors.toList());
    }

    private static List<String> addresses(String path, JsonNode value) throws InvalidAccountException {
        List<String> addresses = strings(path, value);
        for (int i = 0; i < addresses.size(); i++) {
            if (!EmailAddresses.isValid(addresses.get(i))) {
                throw new InvalidAccountException(element(path, i), EmailAddresses.refusal(addresses.get(i), DESCRIPTIONS));
            }
        }
        return addresses;
    }

    private static Plan plan(JsonNode value) throws InvalidAccountException {
        ObjectNode plan = object(AccountFields.PLAN, value);
        checkKnownFields(AccountFields.PLAN, plan, AccountFields.PLAN_FIELDS);
        return new Plan(
            planLimit(AccountFields.MESSAGES_PER_MONTH, plan.get(AccountFields.MESSAGES_PER_MONTH), MAX_MESSAGES_PER_MONTH),
            planLimit(AccountFields.MEGABYTES_PER_MONTH, plan.get(AccountFields.MEGABYTES_PER_MONTH), MAX_MEGABYTES_PER_MONTH));
    }

    private static Optional<Long> planLimit(String name, JsonNode value, long max) throws InvalidAccountException {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        String path = AccountFields.PLAN + "." + name;
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1 || value.longValue() > max) {
            throw new InvalidAccountException(path, "must be a whole number from 1 to " + max + ", or null for no limit, got "
                + DESCRIPTIONS.describe(value));
        }
        return Optional.of(value.longValue());
    }

    private static Overage overage(JsonNode value) throws InvalidAccountException {
        String overage = string(AccountFields.OVERAGE, value);
        return Overage.fromJson(overage).orElseThrow(() -> new InvalidAccountException(AccountFields.OVERAGE,
            "must be \"" + Overage.BLOCK.asJson() + "\" or \"" + Overage.ALLOW.asJson() + "\", got "
                + DESCRIPTIONS.quote(overage)));
    }

    private static String listName(JsonNode value) throws InvalidAccountException {
        String list = string(AccountFields.DEFAULT_LIST, value);
        if (!ListNames.isValid(list)) {
            throw new InvalidAccountException(AccountFields.DEFAULT_LIST, ListNames.refusal(list, DESCRIPTIONS));
        }
        return list;
    }

    // whether the pool exists is the route's to check, against the store
    /** {@code {"opens":bool,"clicks":bool}}; a field left out is false. */
    private static TrackingSettings tracking(JsonNode value) throws InvalidAccountException {
        ObjectNode object = object(AccountFields.TRACKING, value);
        checkKnownFields(AccountFields.TRACKING, object, AccountFields.TRACKING_FIELDS);
        return TrackingSettings.of(bool(AccountFields.TRACKING + "." + AccountFields.OPENS, object.get(AccountFields.OPENS)),
            bool(AccountFields.TRACKING + "." + AccountFields.CLICKS, object.get(AccountFields.CLICKS)));
    }

    private static boolean bool(String path, JsonNode value) throws InvalidAccountException {
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidAccountException(path, "must be true or false, got " + DESCRIPTIONS.describe(value));
        }
        return value.booleanValue();
    }

    private static String ipPool(JsonNode value) throws InvalidAccountException {
        String pool = string(AccountFields.IP_POOL, value);
        if (!IpPoolNames.isValid(pool)) {
            throw new InvalidAccountException(AccountFields.IP_POOL, IpPoolNames.refusal(pool, DESCRIPTIONS));
        }
        return pool;
    }

    private static String customId(JsonNode value) throws InvalidAccountException {
        String customId = string(AccountFields.DEFAULT_CUSTOM_ID, value);
        int length = customId.codePointCount(0, customId.length());
        if (length > MAX_CUSTOM_ID_CHARS) {
            throw new InvalidAccountException(AccountFields.DEFAULT_CUSTOM_ID,
                "must be at most " + MAX_CUSTOM_ID_CHARS + " characters, got " + length);
        }
        if (customId.isBlank()) {
            throw new InvalidAccountException(AccountFields.DEFAULT_CUSTOM_ID, "must not be blank");
        }
        return customId;
    }

    private static int boundedInt(String path, JsonNode value, int max) throws InvalidAccountException {
        if (!value.isNumber()) {
            throw new InvalidAccountException(path, "must be a number, got " + DESCRIPTIONS.describe(value));
        }
        if (!value.isIntegralNumber()) {
            throw new InvalidAccountException(path,
                "must be a whole number between 1 and " + max + ", got " + DESCRIPTIONS.numberText(value));
        }
        if (!value.canConvertToInt() || value.intValue() < 1 || value.intValue() > max) {
            throw new InvalidAccountException(path,
                "must be between 1 and " + max + ", got " + DESCRIPTIONS.numberText(value));
        }
        return value.intValue();
    }

    private static List<String> passthroughHeaders(JsonNode value) throws InvalidAccountException {
        List<String> headers = strings(AccountFields.PASSTHROUGH_HEADERS, value);
        for (int i = 0; i < headers.size(); i++) {
            checkPassthroughHeader(element(AccountFields.PASSTHROUGH_HEADERS, i), headers.get(i));
        }
        return headers;
    }

    private static void checkPassthroughHeader(String path, String header) throws InvalidAccountException {
        if (!FIELD_NAME.matcher(header).matches()) {
            throw new InvalidAccountException(path,
                "must be a header field name (printable ASCII, no spaces or ':'), got " + DESCRIPTIONS.quote(header));
        }
        String lowerCased = header.toLowerCase(Locale.ROOT);
        if (!lowerCased.startsWith(EXTENSION_PREFIX)) {
            throw new InvalidAccountException(path,
                "must start with \"X-\": only X- headers are removed, so only they need passing through, got "
                    + DESCRIPTIONS.quote(header));
        }
        if (ALWAYS_REMOVED.contains(lowerCased)) {
            throw new InvalidAccountException(path,
                "cannot pass through " + DESCRIPTIONS.quote(header) + ": the relay always removes it");
        }
    }

    private static TextAndHtml template(String path, JsonNode value) throws InvalidAccountException {
        ObjectNode template = object(path, value);
        checkKnownFields(path, template, AccountFields.TEMPLATE_FIELDS);
        return TextAndHtml.of(
            stringOrNull(path + "." + AccountFields.TEXT, template.get(AccountFields.TEXT)),
            stringOrNull(path + "." + AccountFields.HTML, template.get(AccountFields.HTML)));
    }

    private static String stringOrNull(String path, JsonNode value) throws InvalidAccountException {
        if (value == null || value.isNull()) {
            return null;
        }
        return string(path, value);
    }

    private static void checkKnownFields(String path, ObjectNode object, List<String> known) throws InvalidAccountException {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw unknownField(path + "." + name, known);
            }
        }
    }

    private static List<String> strings(String path, JsonNode value) throws InvalidAccountException {
        if (!value.isArray()) {
            throw new InvalidAccountException(path, "must be an array of strings, got " + DESCRIPTIONS.describe(value));
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            strings.add(string(element(path, i), value.get(i)));
        }
        return strings;
    }

    private static String element(String path, int index) {
        return path + "[" + index + "]";
    }

    private static ObjectNode object(String path, JsonNode value) throws InvalidAccountException {
        if (!value.isObject()) {
            throw new InvalidAccountException(path, "must be an object, got " + DESCRIPTIONS.describe(value));
        }
        return (ObjectNode) value;
    }

    private static String string(String path, JsonNode value) throws InvalidAccountException {
        if (!value.isTextual()) {
            throw new InvalidAccountException(path, "must be a string, got " + DESCRIPTIONS.describe(value));
        }
        return value.textValue();
    }

    private AccountUpdateReader() {
    }
}
