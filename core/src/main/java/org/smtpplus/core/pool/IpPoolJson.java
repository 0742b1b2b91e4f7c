package org.smtpplus.core.pool;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smtpplus.core.address.DomainNames;
import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.json.JsonReadException;
import org.smtpplus.core.json.StrictJsonReader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.net.InetAddresses;

/**
 * The JSON of {@code /smtpplus/ip-pools/{name}} (docs/api.md#ip-pools): the PUT body in, validated, and the GET view
 * out. A PUT gives the whole pool; the view can be sent back as it is. Thread-safe.
 */
public final class IpPoolJson {
    static final String NAME = "name";
    static final String ADDRESSES = "addresses";
    static final String HELO_NAME = "heloName";
    private static final List<String> FIELDS = List.of(NAME, ADDRESSES, HELO_NAME);
    private static final String BODY = "body";
    // Far more than any pool a relay warms up; each address is bound once at every PUT.
    public static final int MAX_ADDRESSES = 256;
    private static final JsonDescriptions DESCRIPTIONS = JsonDescriptions.UNICODE;
    private static final StrictJsonReader READER =
        new StrictJsonReader(StrictJsonReader.Decimals.AS_DOUBLES, DESCRIPTIONS, "an empty body");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The pool a PUT body describes, each of its addresses checked to be one this machine has (a socket is bound to
     * it).
     */
    public IpPool parse(String name, String json) throws InvalidIpPoolException {
        if (!IpPoolNames.isValid(name)) {
            throw new InvalidIpPoolException(NAME, IpPoolNames.refusal(name, DESCRIPTIONS));
        }
        ObjectNode body = readObject(json);
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            String field = fields.next().getKey();
            if (!FIELDS.contains(field)) {
                throw new InvalidIpPoolException(field, "is not a known field; known fields: " + String.join(", ", FIELDS));
            }
        }
        JsonNode repeatedName = body.get(NAME);
        if (repeatedName != null && !(repeatedName.isTextual() && repeatedName.textValue().equals(name))) {
            throw new InvalidIpPoolException(NAME, "must be the pool of the path, " + DESCRIPTIONS.quote(name) + ", got "
                + DESCRIPTIONS.describe(repeatedName));
        }
        return new IpPool(name, addresses(body.get(ADDRESSES)), heloName(body.get(HELO_NAME)));
    }

    public ObjectNode toJsonNode(IpPool pool) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(NAME, pool.name());
        ArrayNode addresses = node.putArray(ADDRESSES);
        pool.addresses().forEach(addresses::add);
        node.put(HELO_NAME, pool.heloName());
        return node;
    }

    public String toJson(IpPool pool) {
        try {
            return MAPPER.writeValueAsString(toJsonNode(pool));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serialises", e);
        }
    }

    private static ObjectNode readObject(String json) throws InvalidIpPoolException {
        try {
            return READER.readObject(json);
        } catch (JsonReadException e) {
            throw new InvalidIpPoolException(e.path().isEmpty() ? BODY : e.path(), e.problem());
        }
    }

    private static List<String> addresses(JsonNode value) throws InvalidIpPoolException {
        if (value == null || !value.isArray()) {
            throw new InvalidIpPoolException(ADDRESSES, "must be an array of 1 to " + MAX_ADDRESSES
                + " IP addresses of this machine, got " + (value == null ? "nothing" : DESCRIPTIONS.describe(value)));
        }
        if (value.size() == 0 || value.size() > MAX_ADDRESSES) {
            throw new InvalidIpPoolException(ADDRESSES, "must hold 1 to " + MAX_ADDRESSES + " IP addresses, got " + value.size());
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String path = ADDRESSES + "[" + i + "]";
            String address = localAddress(path, value.get(i));
            if (addresses.contains(address)) {
                throw new InvalidIpPoolException(path, DESCRIPTIONS.quote(address) + " is listed twice");
            }
            addresses.add(address);
        }
        return addresses;
    }

    /** The canonical text of a literal address this machine can bind to: never a name, which would need DNS. */
    private static String localAddress(String path, JsonNode value) throws InvalidIpPoolException {
        if (!value.isTextual() || !InetAddresses.isInetAddress(value.textValue())) {
            throw new InvalidIpPoolException(path, "must be an IPv4 or IPv6 address such as 203.0.113.5, got "
                + DESCRIPTIONS.describe(value));
        }
        InetAddress address = InetAddresses.forString(value.textValue());
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            throw new InvalidIpPoolException(path, "must be a unicast address of this machine, not "
                + DESCRIPTIONS.quote(value.textValue()));
        }
        String canonical = InetAddresses.toAddrString(address);
        Optional<String> failure = LocalAddresses.bindFailure(address);
        if (failure.isPresent()) {
            throw new InvalidIpPoolException(path, canonical + " is not an address of this machine (binding to it failed: "
                + DESCRIPTIONS.escape(failure.get(), 200) + ")");
        }
        return canonical;
    }

    // RFC 5321 section 4.1.1.1: the client gives its fully-qualified domain name
    private static String heloName(JsonNode value) throws InvalidIpPoolException {
        Optional<String> name = value != null && value.isTextual() ? DomainNames.normalise(value.textValue()) : Optional.empty();
        return name.orElseThrow(() -> new InvalidIpPoolException(HELO_NAME,
            "must be a fully-qualified host name such as mta1.example.net, got "
                + (value == null ? "nothing" : DESCRIPTIONS.describe(value))));
    }
}
