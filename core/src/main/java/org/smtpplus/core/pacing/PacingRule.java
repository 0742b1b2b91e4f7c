package org.smtpplus.core.pacing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.smtpplus.core.address.DomainNames;
import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.json.JsonReadException;
import org.smtpplus.core.json.StrictJsonReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How fast copies may leave for one destination domain (the recipient's), or for every other one ({@code *}, each
 * such domain paced on its own): {@code perMinute} copies a minute, evenly spaced, and at most {@code connections}
 * of them in delivery at once.
 */
public final class PacingRule {
    /** The rule of every domain that has none of its own. */
    public static final String ANY_OTHER = "*";
    static final String DESTINATION = "destination";
    static final String PER_MINUTE = "perMinute";
    static final String CONNECTIONS = "connections";
    /**
     * One copy a millisecond: the mail queues take their delays in milliseconds, so a finer pace could not be kept.
     */
    public static final int MAX_PER_MINUTE = 60_000;
    /**
     * James's RemoteDelivery delivers at most 256 mails at once (the concurrency of its reactive dequeue), one
     * connection each: a larger limit would never bite.
     */
    public static final int MAX_CONNECTIONS = 256;
    private static final List<String> FIELDS = List.of(PER_MINUTE, CONNECTIONS);
    private static final JsonDescriptions DESCRIPTIONS = JsonDescriptions.UNICODE;
    private static final StrictJsonReader READER =
        new StrictJsonReader(StrictJsonReader.Decimals.AS_DOUBLES, DESCRIPTIONS, "an empty body");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String destination;
    private final int perMinute;
    private final int connections;

    /**
     * @throws InvalidPacingException when a value is out of its range or the destination is neither a domain name
     *                                nor {@code *}
     */
    public static PacingRule of(String destination, int perMinute, int connections) throws InvalidPacingException {
        return new PacingRule(destination(destination), range(PER_MINUTE, perMinute, MAX_PER_MINUTE),
            range(CONNECTIONS, connections, MAX_CONNECTIONS));
    }

    /** A {@code PUT /smtpplus/pacing/{destination}} body, {@code {"perMinute":600,"connections":4}}, both required. */
    public static PacingRule parse(String destination, String json) throws InvalidPacingException {
        String name = destination(destination);
        JsonNode body;
        try {
            body = READER.readObject(json);
        } catch (JsonReadException e) {
            throw new InvalidPacingException(e.path().isEmpty() ? "body" : e.path(), e.problem());
        }
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) body::fields) {
            if (!FIELDS.contains(field.getKey())) {
                throw new InvalidPacingException(DESCRIPTIONS.escape(field.getKey(), 64),
                    "is not a known field; known fields: " + String.join(", ", FIELDS));
            }
        }
        return of(name, number(body, PER_MINUTE, MAX_PER_MINUTE), number(body, CONNECTIONS, MAX_CONNECTIONS));
    }

    /** {@code *}, or a domain name of two labels or more, in lower case. */
    public static String destination(String value) throws InvalidPacingException {
        if (ANY_OTHER.equals(value)) {
            return ANY_OTHER;
        }
        return DomainNames.normalise(value).orElseThrow(() -> new InvalidPacingException(DESTINATION,
            "must be a domain name (such as gmail.com) or * for every other domain, got "
                + (value == null ? "nothing" : DESCRIPTIONS.quote(value))));
    }

    private static int number(JsonNode body, String field, int max) throws InvalidPacingException {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidPacingException(field, "is required: a whole number from 1 to " + max);
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidPacingException(field, "must be a whole number from 1 to " + max + ", got "
                + DESCRIPTIONS.describe(value));
        }
        return value.intValue();
    }

    private static int range(String field, int value, int max) throws InvalidPacingException {
        if (value < 1 || value > max) {
            throw new InvalidPacingException(field, "must be from 1 to " + max + ", got " + value);
        }
        return value;
    }

    private PacingRule(String destination, int perMinute, int connections) {
        this.destination = destination;
        this.perMinute = perMinute;
        this.connections = connections;
    }

    public String destination() {
        return destination;
    }

    public int perMinute() {
        return perMinute;
    }

    public int connections() {
        return connections;
    }

    /** {@code {"destination":"gmail.com","perMinute":600,"connections":4}}, and {@code "waiting"} when given. */
    public ObjectNode toJson(Optional<Long> waiting) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(DESTINATION, destination);
        node.put(PER_MINUTE, perMinute);
        node.put(CONNECTIONS, connections);
        waiting.ifPresent(count -> node.put("waiting", count));
        return node;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof PacingRule) {
            PacingRule that = (PacingRule) o;
            return destination.equals(that.destination) && perMinute == that.perMinute && connections == that.connections;
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(destination, perMinute, connections);
    }

    @Override
    public String toString() {
        return toJson(Optional.empty()).toString();
    }
}
