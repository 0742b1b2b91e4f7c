package org.smtpplus.core.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The instants of the report routes' query parameters ({@code from}, {@code to}, {@code since}): an ISO-8601
 * date-time with an offset, or a date meaning its start in UTC.
 */
public final class QueryInstants {
    private static final Pattern DECODED_PLUS_OFFSET = Pattern.compile(":\\d{2}(\\.\\d+)? \\d{2}:\\d{2}$");

    /** The instant, or empty when the value is none. */
    public static Optional<Instant> parse(String value) {
        try {
            if (value.indexOf('T') < 0 && value.indexOf('t') < 0) {
                return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** What a refusal says of a value that is no instant. */
    public static String refusal(String value) {
        return "must be a date-time with an offset like 2026-11-03T10:15:30Z or a date like 2026-11-03, got "
            + JsonDescriptions.UNICODE.quote(value) + plusHint(value);
    }

    // An unencoded + in a query string decodes to a space: 2026-11-03T11:15:30+01:00 arrives as "...30 01:00"
    private static String plusHint(String value) {
        return DECODED_PLUS_OFFSET.matcher(value).find() ? " (send + as %2B in a query string)" : "";
    }

    private QueryInstants() {
    }
}
