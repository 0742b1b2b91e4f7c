package org.smtpplus.core.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.smtpplus.core.account.AccountNames;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.json.JsonReadException;
import org.smtpplus.core.json.PathNames;
import org.smtpplus.core.json.StrictJsonReader;
import org.smtpplus.core.token.SecretStrength;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of {@code /smtpplus/webhooks/{id}} (docs/webhooks.md): the PUT body in, validated, and the GET view out,
 * with the delivery status and never the secret. Thread-safe.
 */
public final class WebhookJson {
    static final String ID = "id";
    static final String ACCOUNT = "account";
    static final String URL = "url";
    static final String EVENTS = "events";
    static final String SECRET = "secret";
    private static final List<String> FIELDS = List.of(ID, ACCOUNT, URL, EVENTS, SECRET);
    private static final String BODY = "body";
    // as browsers and most servers accept in a request line
    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_SECRET_LENGTH = 1024;
    private static final JsonDescriptions DESCRIPTIONS = JsonDescriptions.UNICODE;
    private static final StrictJsonReader READER =
        new StrictJsonReader(StrictJsonReader.Decimals.AS_DOUBLES, DESCRIPTIONS, "an empty body");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Webhook parse(String id, String json) throws InvalidWebhookException {
        if (!PathNames.isValid(id)) {
            throw new InvalidWebhookException(ID, PathNames.refusal("a webhook id", id, DESCRIPTIONS));
        }
        ObjectNode body = readObject(json);
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            String field = fields.next().getKey();
            if (!FIELDS.contains(field)) {
                throw new InvalidWebhookException(field, "is not a field of a webhook; its fields: " + String.join(", ", FIELDS));
            }
        }
        JsonNode repeatedId = body.get(ID);
        if (repeatedId != null && !(repeatedId.isTextual() && repeatedId.textValue().equals(id))) {
            throw new InvalidWebhookException(ID, "must be the webhook of the path, " + DESCRIPTIONS.quote(id) + ", got "
                + DESCRIPTIONS.describe(repeatedId));
        }
        return new Webhook(id, account(body.get(ACCOUNT)), url(body.get(URL)), events(body.get(EVENTS)), secret(body.get(SECRET)));
    }

    /** @param backlog empty when it could not be counted: {@code null} in the view */
    public ObjectNode toJsonNode(Webhook webhook, WebhookStatus status, Optional<Long> backlog) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(ID, webhook.id());
        node.put(ACCOUNT, webhook.account().orElse(null));
        node.put(URL, webhook.url().toString());
        ArrayNode events = node.putArray(EVENTS);
        webhook.events().forEach(type -> events.add(type.asJson()));
        node.put("lastSuccessAt", status.lastSuccessAt().map(Object::toString).orElse(null));
        if (status.lastFailure().isPresent()) {
            ObjectNode failure = node.putObject("lastFailure");
            failure.put("at", status.lastFailure().get().at().toString());
            failure.put("error", status.lastFailure().get().error());
        } else {
            node.putNull("lastFailure");
        }
        node.put("failingSince", status.failingSince().map(Object::toString).orElse(null));
        node.put("backlog", backlog.orElse(null));
        node.put("dropped", status.dropped());
        return node;
    }

    public String toJson(Webhook webhook, WebhookStatus status, Optional<Long> backlog) {
        return toJsonNode(webhook, status, backlog).toString();
    }

    private static ObjectNode readObject(String json) throws InvalidWebhookException {
        try {
            return READER.readObject(json);
        } catch (JsonReadException e) {
            throw new InvalidWebhookException(e.path().isEmpty() ? BODY : e.path(), e.problem());
        }
    }

    private static Optional<String> account(JsonNode value) throws InvalidWebhookException {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || !AccountNames.isValid(value.textValue())) {
            throw new InvalidWebhookException(ACCOUNT, "must be an account name, or null for every account, got "
                + DESCRIPTIONS.describe(value));
        }
        return Optional.of(value.textValue());
    }

    private static URI url(JsonNode value) throws InvalidWebhookException {
        String refusal = "must be an absolute http or https URL of at most " + MAX_URL_LENGTH + " characters, got ";
        if (value == null || !value.isTextual()) {
            throw new InvalidWebhookException(URL, refusal + (value == null ? "nothing" : DESCRIPTIONS.describe(value)));
        }
        String text = value.textValue();
        if (text.length() > MAX_URL_LENGTH) {
            throw new InvalidWebhookException(URL, refusal + text.length() + " characters");
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidWebhookException(URL, refusal + DESCRIPTIONS.quote(text) + " (" + e.getReason() + ")");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            // a host name out of ASCII has no URI host: RFC 3986 section 3.2.2 wants its punycode form
            throw new InvalidWebhookException(URL, refusal + DESCRIPTIONS.quote(text)
                + " (an internationalised host name goes in its xn-- form)");
        }
        if (url.getRawFragment() != null) {
            throw new InvalidWebhookException(URL, "must have no #fragment, which is never sent, got " + DESCRIPTIONS.quote(text));
        }
        return url;
    }

    private static Set<EventType> events(JsonNode value) throws InvalidWebhookException {
        String known = Stream.of(EventType.values()).map(EventType::asJson).collect(Collectors.joining(", "));
        if (value == null || value.isNull()) {
            return Set.of();
        }
        if (!value.isArray()) {
            throw new InvalidWebhookException(EVENTS, "must be an array of event types (empty for all): " + known + "; got "
                + DESCRIPTIONS.describe(value));
        }
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            Optional<EventType> type = element.isTextual()
                ? Stream.of(EventType.values()).filter(candidate -> candidate.asJson().equals(element.textValue())).findFirst()
                : Optional.empty();
            String path = EVENTS + "[" + i + "]";
            if (type.isEmpty()) {
                throw new InvalidWebhookException(path, "must be one of " + known + ", got " + DESCRIPTIONS.describe(element));
            }
            if (!events.add(type.get())) {
                throw new InvalidWebhookException(path, DESCRIPTIONS.quote(element.textValue()) + " is listed twice");
            }
        }
        return events;
    }

    private static String secret(JsonNode value) throws InvalidWebhookException {
        if (value == null || !value.isTextual()) {
            throw new InvalidWebhookException(SECRET, SecretStrength.requirement() + "; got "
                + (value == null ? "nothing" : DESCRIPTIONS.describe(value)));
        }
        String secret = value.textValue();
        if (secret.length() > MAX_SECRET_LENGTH) {
            throw new InvalidWebhookException(SECRET, "must be at most " + MAX_SECRET_LENGTH + " characters, got " + secret.length());
        }
        SecretStrength strength = SecretStrength.of(secret);
        if (!strength.isStrong()) {
            // the description counts the characters, never shows them
            throw new InvalidWebhookException(SECRET, SecretStrength.requirement() + "; got " + strength.description());
        }
        return secret;
    }
}
