package org.smtpplus.core.directive;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Reads the {@code X-SmtpPlus} header of contract section 3 into a {@link Directive}, refusing anything the
 * contract does not allow with an {@link InvalidDirectiveException} fit for an SMTP reply. Thread-safe.
 */
public final class DirectiveParser {
    public static final String HEADER_NAME = "X-SmtpPlus";
    public static final int MAX_SIZE_BYTES = 64 * 1024;
    public static final Duration HORIZON = Duration.ofDays(30);

    private final Clock clock;

    /**
     * @param clock the time {@code sendAt} is checked against
     */
    public DirectiveParser(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param rawHeaderValue the value as it stands in the message: possibly folded, possibly RFC 2047 encoded
     */
    public Directive parseHeader(String rawHeaderValue) throws InvalidDirectiveException {
        checkSize(rawHeaderValue);
        return parseJson(HeaderValueDecoder.decode(rawHeaderValue));
    }

    /**
     * Reads directive JSON as is, without a size limit: it also reads back {@link Directive#toJson()}.
     */
    public Directive parseJson(String json) throws InvalidDirectiveException {
        return new DirectiveReader(clock.instant()).read(JsonObjectReader.read(json));
    }

    private static void checkSize(String rawHeaderValue) throws InvalidDirectiveException {
        int size = rawHeaderValue.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_SIZE_BYTES) {
            throw new InvalidDirectiveException(HEADER_NAME, "must be at most 64 KB (" + MAX_SIZE_BYTES + " bytes), got " + size + " bytes");
        }
    }
}
