package org.smtpplus.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UsageMonthsTest {
    @ParameterizedTest
    @CsvSource({
        "2026-11-01T00:00:00Z,           2026-11",
        "2026-11-30T23:59:59Z,           2026-11",
        "2026-11-30T23:59:59.999999999Z, 2026-11",
        "2026-12-01T00:00:00Z,           2026-12",
        "2026-12-31T23:59:59Z,           2026-12",
        "2027-01-01T00:00:00Z,           2027-01",
        "2028-02-29T23:59:59Z,           2028-02"})
    void theMonthOfAnInstantIsItsUtcMonth(String instant, String month) {
        assertThat(UsageMonths.monthOf(Instant.parse(instant))).isEqualTo(YearMonth.parse(month));
    }

    @ParameterizedTest
    @CsvSource({
        // still November in UTC although December where it was written
        "2026-12-01T00:30:00+01:00, 2026-11",
        // already December in UTC although November where it was written
        "2026-11-30T20:00:00-05:00, 2026-12",
        "2026-11-30T23:59:59-00:00, 2026-11"})
    void theOffsetAnInstantWasWrittenWithDoesNotMatter(String dateTime, String month) {
        assertThat(UsageMonths.monthOf(OffsetDateTime.parse(dateTime).toInstant())).isEqualTo(YearMonth.parse(month));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11, 2026-12-01T00:00:00Z",
        "2026-12, 2027-01-01T00:00:00Z",
        "2028-01, 2028-02-01T00:00:00Z",
        "2028-02, 2028-03-01T00:00:00Z",
        "2027-02, 2027-03-01T00:00:00Z"})
    void aMonthResetsAtTheFirstInstantOfTheNextMonth(String month, String resetsAt) {
        assertThat(UsageMonths.resetsAt(YearMonth.parse(month))).isEqualTo(Instant.parse(resetsAt));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11", "2026-12", "2028-02", "2027-02", "1999-12"})
    void theLastInstantBeforeTheResetIsStillInTheMonth(String value) {
        YearMonth month = YearMonth.parse(value);
        Instant resetsAt = UsageMonths.resetsAt(month);

        assertThat(UsageMonths.monthOf(resetsAt.minusNanos(1))).isEqualTo(month);
        assertThat(UsageMonths.monthOf(resetsAt)).isEqualTo(month.plusMonths(1));
    }
}
