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
 * The filters of {@code GET /smtpplus/bounces?account=&type=&reason=&since=} (docs/api.md), every one optional: a
 * bounce matches when it matches every filter given.
 *
 * <p>{@code since} (inclusive) is an ISO-8601 date-time with an offset ({@code 2026-11-01T00:00:00Z},
 * {@code 2026-11-01T01:00:00+01:00}) or a plain date ({@code 2026-11-01}) meaning the start of that day in UTC, as
 * the {@code from} of {@code GET /smtpplus/stats}.
 */
public final class BounceQuery {
    private static final String ACCOUNT = "account";
    private static final String TYPE = "type";
    private static final String REASON = "reason";
    private static final String SINCE = "since";
    private static final JsonDescriptions DESCRIPTIONS = JsonDescriptions.UNICODE;
    private static final String TYPES = Arrays.stream(BounceType.values())
        .map(BounceType::asJson)
        .collect(Collectors.joining(", "));
    private static final String REASONS = Arrays.stream(BounceReason.values())
        .map(BounceReason::asJson)
        .collect(Collectors.joining(", "));

    /**
     * @param parameters the value of each query parameter, by name; empty when it is absent
     */
    public static BounceQuery parse(Function<String, Optional<String>> parameters) throws InvalidBounceQueryException {
        Optional<String> account = value(ACCOUNT, parameters);
        Optional<String> type = value(TYPE, parameters);
        Optional<String> reason = value(REASON, parameters);
        Optional<String> since = value(SINCE, parameters);
        return new BounceQuery(account, type.isEmpty() ? Optional.empty() : Optional.of(type(type.get())),
            reason.isEmpty() ? Optional.empty() : Optional.of(reason(reason.get())),
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

    private static BounceReason reason(String value) throws InvalidBounceQueryException {
        return BounceReason.fromJson(value).orElseThrow(() -> new InvalidBounceQueryException(REASON,
            "must be one of " + REASONS + ", got " + DESCRIPTIONS.quote(value)));
    }

    private static Instant since(String value) throws InvalidBounceQueryException {
        return QueryInstants.parse(value).orElseThrow(() -> new InvalidBounceQueryException(SINCE, QueryInstants.refusal(value)));
    }

    private final Optional<String> account;
    private final Optional<BounceType> type;
    private final Optional<BounceReason> reason;
    private final Optional<Instant> since;

    public BounceQuery(Optional<String> account, Optional<BounceType> type, Optional<BounceReason> reason,
                       Optional<Instant> since) {
        this.account = Objects.requireNonNull(account, "account");
        this.type = Objects.requireNonNull(type, "type");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.since = Objects.requireNonNull(since, "since");
    }

    public Optional<String> account() {
        return account;
    }

    public Optional<BounceType> type() {
        return type;
    }

    public Optional<BounceReason> reason() {
        return reason;
    }

    /** Inclusive. */
    public Optional<Instant> since() {
        return since;
    }

    /** Whether the bounce matches every filter but {@code since}, which a store applies as it reads by date. */
    public boolean matchesAllButSince(Bounce bounce) {
        return account.map(bounce.account()::equals).orElse(true)
            && type.map(wanted -> bounce.type() == wanted).orElse(true)
            && reason.map(wanted -> bounce.reason() == wanted).orElse(true);
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof BounceQuery) {
            BounceQuery that = (BounceQuery) o;
            return account.equals(that.account) && type.equals(that.type) && reason.equals(that.reason)
                && since.equals(that.since);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(account, type, reason, since);
    }

    @Override
    public String toString() {
        return "BounceQuery{account=" + account.orElse("*") + ", type=" + type.map(BounceType::asJson).orElse("*")
            + ", reason=" + reason.map(BounceReason::asJson).orElse("*") + ", since=" + since.map(Instant::toString).orElse("*") + "}";
    }
}
