package org.smtpplus.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StatsParametersTest {
    private static StatsParameters parse(Map<String, String> query) throws InvalidStatsParameterException {
        return StatsParameters.parse(name -> Optional.ofNullable(query.get(name)));
    }

    private static InvalidStatsParameterException refusal(Map<String, String> query) {
        InvalidStatsParameterException refusal = catchThrowableOfType(() -> parse(query), InvalidStatsParameterException.class);
        assertThat(refusal).as("refusal of %s", query).isNotNull();
        assertThat(refusal.getMessage()).isEqualTo(refusal.field() + ": " + refusal.problem()).doesNotContain("\n");
        return refusal;
    }

    @Test
    void noParameterCountsEverything() throws Exception {
        StatsParameters parameters = parse(Map.of());

        assertThat(parameters.filter()).isEqualTo(EventFilter.ALL);
        assertThat(parameters.groupBy()).isEmpty();
    }

    @Test
    void everyParameterIsRead() throws Exception {
        StatsParameters parameters = parse(Map.of("customId", "order-7", "account", "shop", "tag", "welcome",
            "from", "2026-11-03T10:15:30.123Z", "to", "2026-11-04", "groupBy", "tag"));

        assertThat(parameters.filter()).isEqualTo(EventFilter.builder()
            .customId(Optional.of("order-7"))
            .account(Optional.of("shop"))
            .tag(Optional.of("welcome"))
            .from(Optional.of(Instant.parse("2026-11-03T10:15:30.123Z")))
            .to(Optional.of(Instant.parse("2026-11-04T00:00:00Z")))
            .build());
        assertThat(parameters.groupBy()).contains(GroupBy.TAG);
    }

    @ParameterizedTest
    @CsvSource({"customId, CUSTOM_ID", "tag, TAG", "account, ACCOUNT", "day, DAY"})
    void groupByTakesEachOfItsValues(String value, GroupBy expected) throws Exception {
        assertThat(parse(Map.of("groupBy", value)).groupBy()).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-03T10:15:30Z, 2026-11-03T10:15:30Z",
        "2026-11-03T11:15:30.5+01:00, 2026-11-03T10:15:30.500Z",
        "2026-11-03T05:15:30.123-05:00, 2026-11-03T10:15:30.123Z",
        "2026-11-03t10:15:30z, 2026-11-03T10:15:30Z",
        "2026-11-03, 2026-11-03T00:00:00Z"})
    void datesAreRfc3339DateTimesWithAnOffsetOrUtcDays(String value, Instant expected) throws Exception {
        assertThat(parse(Map.of("from", value)).filter().from()).contains(expected);
        assertThat(parse(Map.of("to", value)).filter().to()).contains(expected);
    }

    @Test
    void fromMayEqualTo() throws Exception {
        assertThat(parse(Map.of("from", "2026-11-03", "to", "2026-11-03T00:00:00Z")).filter().from())
            .contains(Instant.parse("2026-11-03T00:00:00Z"));
    }

    @Test
    void topIsReadWithAGroupByOfKeys() throws Exception {
        assertThat(parse(Map.of("groupBy", "customId", "top", "10")).top()).contains(10);
        assertThat(parse(Map.of("groupBy", "account", "top", "1000")).top()).contains(1000);
        assertThat(parse(Map.of("groupBy", "tag")).top()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "customId | 0       | must be a whole number from 1 to 1000, got \"0\"",
        "customId | 1001    | must be a whole number from 1 to 1000, got \"1001\"",
        "tag      | -1      | must be a whole number from 1 to 1000, got \"-1\"",
        "tag      | 99999999999999999999 | must be a whole number from 1 to 1000, got \"99999999999999999999\"",
        "day      | 5       | only with groupBy customId, tag or account, got groupBy day"})
    void aBadTopIsRefusedNamingIt(String groupBy, String top, String problem) {
        InvalidStatsParameterException refusal = refusal(Map.of("groupBy", groupBy, "top", top));

        assertThat(refusal.field()).isEqualTo("top");
        assertThat(refusal.problem()).isEqualTo(problem);
    }

    @Test
    void topWithoutGroupByIsRefused() {
        assertThat(refusal(Map.of("top", "5")).problem()).isEqualTo("only with groupBy customId, tag or account, got no groupBy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"week", "Day", "customid", "custom_id"})
    void anUnknownGroupByIsRefusedWithTheAllowedValues(String value) {
        InvalidStatsParameterException refusal = refusal(Map.of("groupBy", value));

        assertThat(refusal.field()).isEqualTo("groupBy");
        assertThat(refusal.problem()).isEqualTo("must be one of customId, tag, account, day, got \"" + value + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"from", "to"})
    void aMalformedDateIsRefused(String name) {
        for (String value : new String[] {"yesterday", "2026-11-03T10:15:30", "2026-13-01", "2026-11-31", "03/11/2026",
            "1762164930", "2026-11-03T25:00:00Z"}) {
            InvalidStatsParameterException refusal = refusal(Map.of(name, value));

            assertThat(refusal.field()).isEqualTo(name);
            assertThat(refusal.problem()).isEqualTo("must be a date-time with an offset like 2026-11-03T10:15:30Z"
                + " or a date like 2026-11-03, got \"" + value + "\"");
        }
    }

    @Test
    void anOffsetWhosePlusWasDecodedToASpaceGetsAHint() {
        InvalidStatsParameterException refusal = refusal(Map.of("from", "2026-11-03T11:15:30 01:00"));

        assertThat(refusal.field()).isEqualTo("from");
        assertThat(refusal.problem()).endsWith(", got \"2026-11-03T11:15:30 01:00\" (send + as %2B in a query string)");
    }

    @Test
    void fromAfterToIsRefused() {
        InvalidStatsParameterException refusal = refusal(Map.of("from", "2026-11-04T00:00:00.001Z", "to", "2026-11-04"));

        assertThat(refusal.field()).isEqualTo("from");
        assertThat(refusal.problem()).isEqualTo("must not be after to (2026-11-04T00:00:00Z), got 2026-11-04T00:00:00.001Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"customId", "account", "tag", "from", "to", "groupBy"})
    void anEmptyValueIsRefused(String name) {
        for (String value : new String[] {"", " "}) {
            InvalidStatsParameterException refusal = refusal(Map.of(name, value));

            assertThat(refusal.field()).isEqualTo(name);
            assertThat(refusal.problem()).isEqualTo("must not be empty");
        }
    }

    @Test
    void aValueIsQuotedOnOneLine() {
        InvalidStatsParameterException refusal = refusal(Map.of("groupBy", "day\nX-Injected: yes"));

        assertThat(refusal.problem()).endsWith("got \"day\\u000aX-Injected: yes\"");
    }
}
