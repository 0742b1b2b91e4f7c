package org.smtpplus.core.domain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.smtpplus.core.address.DomainNames;
import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.json.JsonReadException;
import org.smtpplus.core.json.StrictJsonReader;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code PUT /smtpplus/domains/{domain}} body, {@code {"account","selector","returnPath"}}, every field optional;
 * names are checked for their form here, against the domain and the accounts by {@link DomainRegistrations}.
 */
public final class DomainRequest {
    private static final String ACCOUNT = "account";
    private static final String SELECTOR = "selector";
    private static final String RETURN_PATH = "returnPath";
    private static final List<String> KNOWN_FIELDS = List.of(ACCOUNT, SELECTOR, RETURN_PATH);
    private static final JsonDescriptions DESCRIPTIONS = JsonDescriptions.UNICODE;
    private static final StrictJsonReader READER =
        new StrictJsonReader(StrictJsonReader.Decimals.AS_DOUBLES, DESCRIPTIONS, "an empty body");

    private final Optional<String> account;
    private final Optional<String> selector;
    private final Optional<String> returnPath;

    public DomainRequest(Optional<String> account, Optional<String> selector, Optional<String> returnPath) {
        this.account = account;
        this.selector = selector;
        this.returnPath = returnPath;
    }

    public static DomainRequest parse(String json) throws InvalidDomainException {
        Optional<String> account = Optional.empty();
        Optional<String> selector = Optional.empty();
        Optional<String> returnPath = Optional.empty();
        JsonNode body;
        try {
            body = READER.readObject(json);
        } catch (JsonReadException e) {
            throw new InvalidDomainException(e.path().isEmpty() ? "body" : e.path(), e.problem());
        }
        for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) body::fields) {
            JsonNode value = entry.getValue();
            switch (entry.getKey()) {
                case ACCOUNT:
                    account = string(ACCOUNT, value);
                    break;
                case SELECTOR:
                    Optional<String> label = string(SELECTOR, value);
                    selector = label.isPresent() ? Optional.of(selector(label.get())) : Optional.empty();
                    break;
                case RETURN_PATH:
                    returnPath = string(RETURN_PATH, value);
                    if (returnPath.isPresent()) {
                        String given = returnPath.get();
                        returnPath = Optional.of(DomainNames.normalise(given).orElseThrow(() ->
                            new InvalidDomainException(RETURN_PATH, "must be a domain name, got " + DESCRIPTIONS.quote(given))));
                    }
                    break;
                default:
                    throw new InvalidDomainException(DESCRIPTIONS.escape(entry.getKey(), 64),
                        "is not a known field; known fields: " + String.join(", ", KNOWN_FIELDS));
            }
        }
        return new DomainRequest(account, selector, returnPath);
    }

    /** A DKIM selector as given in a body or a query, checked and in lower case. */
    public static String selector(String value) throws InvalidDomainException {
        if (!DomainNames.isLabel(value)) {
            throw new InvalidDomainException(SELECTOR, "must be a DNS label (letters, digits and inner hyphens, "
                + "at most 63), got " + DESCRIPTIONS.quote(value));
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static Optional<String> string(String field, JsonNode value) throws InvalidDomainException {
        if (value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidDomainException(field, "must be a string, got " + DESCRIPTIONS.describe(value));
        }
        return Optional.of(value.textValue());
    }

    public Optional<String> account() {
        return account;
    }

    public Optional<String> selector() {
        return selector;
    }

    public Optional<String> returnPath() {
        return returnPath;
    }
}
