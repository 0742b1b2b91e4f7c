package org.smtpplus.core.directive;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.json.JsonReadException;
import org.smtpplus.core.json.StrictJsonReader;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the {@code X-SmtpPlus} header of docs/headers.md#x-smtpplus into a {@link Directive}, refusing anything the
 * docs do not allow with an {@link InvalidDirectiveException} fit for an SMTP reply. Thread-safe.
 */
public final class DirectiveParser {
    public static final String HEADER_NAME = "X-SmtpPlus";
    public static final int MAX_SIZE_BYTES = 64 * 1024;
    public static final Duration HORIZON = Duration.ofDays(30);
    // keeps decimals as written (19.90 stays 19.90) for merge vars
    private static final StrictJsonReader READER =
        new StrictJsonReader(StrictJsonReader.Decimals.EXACT, JsonDescriptions.PRINTABLE_ASCII, "an empty value");

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
        return new DirectiveReader(clock.instant()).read(readObject(json));
    }

    private static ObjectNode readObject(String json) throws InvalidDirectiveException {
        try {
            return READER.readObject(json);
        } catch (JsonReadException e) {
            throw new InvalidDirectiveException(e.path().isEmpty() ? HEADER_NAME : e.path(), e.problem());
        }
    }

    private static void checkSize(String rawHeaderValue) throws InvalidDirectiveException {
        int size = rawHeaderValue.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_SIZE_BYTES) {
            throw new InvalidDirectiveException(HEADER_NAME, "must be at most 64 KB (" + MAX_SIZE_BYTES + " bytes), got " + size + " bytes");
        }
    }
}
