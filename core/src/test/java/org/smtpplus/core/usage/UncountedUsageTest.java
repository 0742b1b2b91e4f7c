package org.smtpplus.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UncountedUsageTest {
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    @Test
    void itIsWrittenAsMonthMessagesBytes() {
        UncountedUsage uncounted = new UncountedUsage(NOVEMBER, 3, 12_000);

        assertThat(uncounted.asString()).isEqualTo("2026-11 3 12000");
        assertThat(uncounted).hasToString("UncountedUsage{2026-11 3 12000}");
    }

    @Test
    void itReadsBackWhatItWrote() {
        for (UncountedUsage uncounted : new UncountedUsage[] {
            new UncountedUsage(NOVEMBER, 3, 12_000),
            new UncountedUsage(YearMonth.of(2027, 1), 0, 0),
            new UncountedUsage(NOVEMBER, Long.MAX_VALUE, Long.MAX_VALUE)}) {
            UncountedUsage read = UncountedUsage.parse(uncounted.asString());

            assertThat(read).isEqualTo(uncounted).hasSameHashCodeAs(uncounted);
            assertThat(read.month()).isEqualTo(uncounted.month());
            assertThat(read.messages()).isEqualTo(uncounted.messages());
            assertThat(read.bytes()).isEqualTo(uncounted.bytes());
        }
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(UncountedUsage.parse("  2026-11 3 12000\r\n")).isEqualTo(new UncountedUsage(NOVEMBER, 3, 12_000));
    }

    @Test
    void everyPartTellsThemApart() {
        UncountedUsage uncounted = new UncountedUsage(NOVEMBER, 3, 12_000);

        assertThat(uncounted)
            .isNotEqualTo(new UncountedUsage(NOVEMBER.plusMonths(1), 3, 12_000))
            .isNotEqualTo(new UncountedUsage(NOVEMBER, 4, 12_000))
            .isNotEqualTo(new UncountedUsage(NOVEMBER, 3, 12_001))
            .isNotEqualTo("2026-11 3 12000");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "2026-11",
        "2026-11 3",
        "2026-11 3 12000 4",
        "2026-11  3 12000",
        "2026-13 3 12000",
        "November 3 12000",
        "2026-11 three 12000",
        "2026-11 3 1.5",
        "2026-11 3 99999999999999999999"})
    void anythingElseIsRefusedNamingTheValue(String value) {
        assertThatThrownBy(() -> UncountedUsage.parse(value))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Uncounted usage is 'month messages bytes', got '" + value + "'");
    }

    @Test
    void nothingIsRefusedNamingWhatIsMissing() {
        assertThatThrownBy(() -> UncountedUsage.parse(null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> new UncountedUsage(null, 1, 1)).isInstanceOf(NullPointerException.class).hasMessage("month");
    }
}
