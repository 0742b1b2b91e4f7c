package org.smtpplus.core.bounce;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.json.QueryInstants;

/**
 * The filters of {@code GET /smtpplus/bounces?account=&type=&since=} (contract section 5), every one optional: the
 * arguments of {@link BounceRepository#find}.
 *
 * <p>{@code since} (inclusive) is an ISO-8601 date-time with an offset ({@code 2026-11-01T00:00:00Z},
 * {@code 2026-11-01T01:00:00+01:00}) or a plain date ({@code 2026-11-01}) meaning the start of that day in UTC, as
 * the {@code from} of {@code GET /smtpplus/stats}.
 */
public final class BounceQuery {
    private static final String ACCOUNT = "account";
    private static final String TYPE = "type";
    private static final String SINCE = "since";
    private static final JsonDescriptions DESCRIPTIONS = JsonDescriptions.UNICODE;
    private static final String TYPES = Arrays.stream(BounceType.values())
        .map(BounceType::asJson)
        .collect(Collectors.joining(", "));

    /**
     * @param parameters the value of each query parameter, by name; empty when it is absent
     */
    public static BounceQuery parse(Function<String, Optional<String>> parameters) throws InvalidBounceQueryException {
        Optional<String> account = value(ACCOUNT, parameters);
        Optional<String> type = value(TYPE, parameters);
        Optional<String> since = value(SINCE, parameters);
        return new BounceQuery(account, type.isEmpty() ? Optional.empty() : Optional.of(type(type.get())),
            since.isEmpty() ? Optional.empty() : Optional.of(since(since.get())));
    }

    private static Optional<String> value(String name, Function<String, Optional<String>> parameters)
            throws InvalidBounceQueryException {
        Optional<String> value = parameters.apply(name);
        // "?account=" is more likely a client bug than a wish for every account's bounces
        if (value.isPresent() && value.get().isBlank()) {
            throw new InvalidBounceQueryException(name, "must not be empty");
        }
        return value;
    }

    private static BounceType type(String value) throws InvalidBounceQueryException {
        return BounceType.fromJson(value).orElseThrow(() -> new InvalidBounceQueryException(TYPE,
            "must be one of " + TYPES + ", got " + DESCRIPTIONS.quote(value)));
    }

    private static Instant since(String value) throws InvalidBounceQueryException {
        return QueryInstants.parse(value).orElseThrow(() -> new InvalidBounceQueryException(SINCE, QueryInstants.refusal(value)));
    }

    private final Optional<String> account;
    private final Optional<BounceType> type;
    private final Optional<Instant> since;

    public BounceQuery(Optional<String> account, Optional<BounceType> type, Optional<Instant> since) {
        this.account = Objects.requireNonNull(account, "account");
        this.type = Objects.requireNonNull(type, "type");
        this.since = Objects.requireNonNull(since, "since");
    }

    public Optional<String> account() {
        return account;
    }

    public Optional<BounceType> type() {
        return type;
    }

    /** Inclusive. */
    public Optional<Instant> since() {
        return since;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof BounceQuery) {
            BounceQuery that = (BounceQuery) o;
            return account.equals(that.account) && type.equals(that.type) && since.equals(that.since);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(account, type, since);
    }

    @Override
    public String toString() {
        return "BounceQuery{account=" + account.orElse("*") + ", type=" + type.map(BounceType::asJson).orElse("*")
            + ", since=" + since.map(Instant::toString).orElse("*") + "}";
    }
}
