package org.smtpplus.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class BounceQueryTest {
    private static BounceQuery parse(Map<String, String> query) throws InvalidBounceQueryException {
        return BounceQuery.parse(name -> Optional.ofNullable(query.get(name)));
    }

    private static InvalidBounceQueryException refusal(Map<String, String> query) {
        InvalidBounceQueryException refusal = catchThrowableOfType(() -> parse(query), InvalidBounceQueryException.class);
        assertThat(refusal).as("refusal of %s", query).isNotNull();
        assertThat(refusal.getMessage()).isEqualTo(refusal.field() + ": " + refusal.problem()).doesNotContain("\n");
        return refusal;
    }

    @Test
    void noParameterAsksForEveryBounce() throws Exception {
        assertThat(parse(Map.of())).isEqualTo(new BounceQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void everyParameterIsRead() throws Exception {
        assertThat(parse(Map.of("account", "shop", "type", "soft", "reason", "mailbox_full", "since", "2026-11-01T00:00:00Z",
            "format", "csv")))
            .isEqualTo(new BounceQuery(Optional.of("shop"), Optional.of(BounceType.SOFT), Optional.of(BounceReason.MAILBOX_FULL),
                Optional.of(Instant.parse("2026-11-01T00:00:00Z"))));
    }

    @ParameterizedTest
    @EnumSource(BounceReason.class)
    void reasonTakesEachReason(BounceReason reason) throws Exception {
        assertThat(parse(Map.of("reason", reason.asJson())).reason()).contains(reason);
    }

    @ParameterizedTest
    @EnumSource(BounceType.class)
    void typeTakesEachType(BounceType type) throws Exception {
        assertThat(parse(Map.of("type", type.asJson())).type()).contains(type);
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-01T00:00:00Z, 2026-11-01T00:00:00Z",
        "2026-11-03T10:15:30.123Z, 2026-11-03T10:15:30.123Z",
        "2026-11-03T11:15:30.5+01:00, 2026-11-03T10:15:30.500Z",
        "2026-11-03t10:15:30z, 2026-11-03T10:15:30Z",
        "2026-11-01, 2026-11-01T00:00:00Z"})
    void sinceIsAnIso8601DateTimeWithAnOffsetOrAUtcDay(String value, Instant expected) throws Exception {
        assertThat(parse(Map.of("since", value)).since()).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bounced", "HARD", "Soft", "spam"})
    void anUnknownTypeIsRefusedWithTheAllowedValues(String value) {
        InvalidBounceQueryException refusal = refusal(Map.of("type", value));

        assertThat(refusal.field()).isEqualTo("type");
        assertThat(refusal.problem()).isEqualTo("must be one of hard, soft, block, got \"" + value + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "USER_UNKNOWN", "user-unknown", "hard"})
    void anUnknownReasonIsRefusedWithTheVocabulary(String value) {
        InvalidBounceQueryException refusal = refusal(Map.of("reason", value));

        assertThat(refusal.field()).isEqualTo("reason");
        assertThat(refusal.problem()).startsWith("must be one of user_unknown, host_unknown, has_moved, not_accept, ")
            .endsWith(", undefined, got \"" + value + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-01T00:00:00", "2026-13-01", "2026-11-31", "01/11/2026", "1761955200",
        "2026-11-01T25:00:00Z"})
    void aMalformedSinceIsRefused(String value) {
        InvalidBounceQueryException refusal = refusal(Map.of("since", value));

        assertThat(refusal.field()).isEqualTo("since");
        assertThat(refusal.problem()).isEqualTo("must be a date-time with an offset like 2026-11-03T10:15:30Z"
            + " or a date like 2026-11-03, got \"" + value + "\"");
    }

    @Test
    void anOffsetWhosePlusWasDecodedToASpaceGetsAHint() {
        InvalidBounceQueryException refusal = refusal(Map.of("since", "2026-11-01T01:00:00 01:00"));

        assertThat(refusal.problem()).endsWith(", got \"2026-11-01T01:00:00 01:00\" (send + as %2B in a query string)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"account", "type", "since"})
    void anEmptyValueIsRefused(String name) {
        for (String value : new String[] {"", " "}) {
            InvalidBounceQueryException refusal = refusal(Map.of(name, value));

            assertThat(refusal.field()).isEqualTo(name);
            assertThat(refusal.problem()).isEqualTo("must not be empty");
        }
    }

    @Test
    void aValueIsQuotedOnOneLine() {
        InvalidBounceQueryException refusal = refusal(Map.of("type", "hard\nX-Injected: yes"));

        assertThat(refusal.problem()).endsWith("got \"hard\\u000aX-Injected: yes\"");
    }
}
