package org.smtpplus.core.directive;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.json.JsonNumbers;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads {@code sendAt}: an RFC 3339 date-time string or epoch seconds, at most {@link DirectiveParser#HORIZON} ahead.
 */
final class SendAtReader {
    // RFC 3339 section 5.6: date-time = full-date "T" full-time, with a numeric offset or "Z"; "T" and "Z" may be
    // lower case
    private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendValue(ChronoField.YEAR, 4)
        .appendLiteral('-')
        .appendValue(ChronoField.MONTH_OF_YEAR, 2)
        .appendLiteral('-')
        .appendValue(ChronoField.DAY_OF_MONTH, 2)
        .appendLiteral('T')
        .appendValue(ChronoField.HOUR_OF_DAY, 2)
        .appendLiteral(':')
        .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
        .appendLiteral(':')
        .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
        .optionalStart()
        .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
        .optionalEnd()
        .toFormatter()
        .withChronology(IsoChronology.INSTANCE)
        .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .append(LOCAL_DATE_TIME)
        .appendOffset("+HH:MM", "Z")
        .toFormatter()
        .withChronology(IsoChronology.INSTANCE)
        .withResolverStyle(ResolverStyle.STRICT);
    private static final BigDecimal MIN_EPOCH_SECOND = BigDecimal.valueOf(Instant.MIN.getEpochSecond());
    private static final BigDecimal MAX_EPOCH_SECOND = BigDecimal.valueOf(Instant.MAX.getEpochSecond());
    private static final JsonDescriptions DESCRIPTIONS = JsonDescriptions.PRINTABLE_ASCII;

    private final Instant latest;
    private final String field;

    SendAtReader(Instant now) {
        this(now, DirectiveFields.SEND_AT);
    }

    /** @param field the name errors give the value: the provider headers name it as their own senders know it */
    SendAtReader(Instant now, String field) {
        this.latest = now.plus(DirectiveParser.HORIZON);
        this.field = field;
    }

    /**
     * @return the requested time; one in the past means as soon as possible
     */
    Instant read(JsonNode value) throws InvalidDirectiveException {
        if (value.isTextual()) {
            return checkHorizon(parseDateTime(value.textValue()), DESCRIPTIONS.quote(value.textValue()));
        }
        if (value.isNumber()) {
            return epochSeconds(value);
        }
        throw new InvalidDirectiveException(field,
            "must be an RFC 3339 date-time string or epoch seconds, got " + DESCRIPTIONS.describe(value));
    }

    Instant checkHorizon(Instant sendAt) throws InvalidDirectiveException {
        return checkHorizon(sendAt, sendAt.toString());
    }

    private Instant parseDateTime(String text) throws InvalidDirectiveException {
        try {
            return OffsetDateTime.parse(text, RFC_3339).toInstant();
        } catch (DateTimeException e) {
            if (isLocalDateTime(text)) {
                throw new InvalidDirectiveException(field,
                    "needs a UTC offset (Z or +hh:mm) to be an RFC 3339 date-time, got " + DESCRIPTIONS.quote(text));
            }
            throw new InvalidDirectiveException(field,
                "must be an RFC 3339 date-time with offset or epoch seconds, got " + DESCRIPTIONS.quote(text));
        }
    }

    private static boolean isLocalDateTime(String text) {
        try {
            LocalDateTime.parse(text, LOCAL_DATE_TIME);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    Instant epochSeconds(JsonNode value) throws InvalidDirectiveException {
        if (JsonNumbers.isBeyondDouble(value)) {
            throw value.doubleValue() > 0
                ? beyondHorizon(DESCRIPTIONS.describe(value))
                : new InvalidDirectiveException(field, "is out of range for epoch seconds, got " + DESCRIPTIONS.describe(value));
        }
        String echo = DESCRIPTIONS.numberText(value);
        BigDecimal seconds = value.decimalValue();
        if (seconds.signum() != 0 && seconds.stripTrailingZeros().scale() > 0) {
            throw new InvalidDirectiveException(field, "must be whole epoch seconds, got " + echo);
        }
        if (seconds.compareTo(MAX_EPOCH_SECOND) > 0) {
            throw beyondHorizon(echo);
        }
        if (seconds.compareTo(MIN_EPOCH_SECOND) < 0) {
            throw new InvalidDirectiveException(field, "is out of range for epoch seconds, got " + echo);
        }
        return checkHorizon(Instant.ofEpochSecond(seconds.longValueExact()), echo);
    }

    private Instant checkHorizon(Instant sendAt, String echo) throws InvalidDirectiveException {
        if (sendAt.isAfter(latest)) {
            throw beyondHorizon(echo);
        }
        // Any past time means now, so one before 1970 is kept as 1970: one before the year 0 would be written back
        // with a sign, which no RFC 3339 date-time has, and the mailets could not read their directive after the 250.
        return sendAt.isBefore(Instant.EPOCH) ? Instant.EPOCH : sendAt;
    }

    private InvalidDirectiveException beyondHorizon(String echo) {
        return new InvalidDirectiveException(field, "must be at most " + DirectiveParser.HORIZON.toDays()
            + " days ahead (until " + latest + "), got " + echo);
    }
}
