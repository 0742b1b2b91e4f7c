package org.smtpplus.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlanLimitTest {
    // The largest plans AccountJson accepts
    private static final long MOST_MESSAGES = 10_000_000_000L;
    private static final long MOST_MEGABYTES = 1_000_000_000L;

    @ParameterizedTest
    @CsvSource({
        "20, 0,  0",
        "20, -5, 0",
        "20, 1,  5",
        "20, 2,  10",
        "20, 3,  15",
        "20, 19, 95",
        "20, 20, 100",
        "20, 21, 105",
        "20, 39, 195",
        "20, 40, 200",
        "3,  1,  33",
        "3,  2,  66",
        "3,  3,  100",
        "3,  4,  133",
        "7,  1,  14",
        "1,  1,  100"})
    void percentIsRoundedDown(long limit, long used, long percent) {
        assertThat(PlanLimit.messages(limit).percent(used)).isEqualTo(percent);
    }

    @Test
    void aPercentJustBelowATenthIsNotThatTenth() {
        PlanLimit limit = PlanLimit.messages(1_000);

        assertThat(limit.percent(99)).isEqualTo(9);
        assertThat(limit.reaches(99, 10)).isFalse();
        assertThat(limit.reaches(100, 10)).isTrue();
        assertThat(limit.reaches(999, 100)).isFalse();
        assertThat(limit.reaches(1_000, 100)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MAX_VALUE, Long.MAX_VALUE - 1, 500_000_000_000_000_000L, 3 * MOST_MESSAGES - 1, 1_048_576_000_000_001L})
    void percentIsExactForHugeUsageOfTheLargestPlans(long used) {
        PlanLimit messages = PlanLimit.messages(MOST_MESSAGES);
        PlanLimit bytes = PlanLimit.megabytes(MOST_MEGABYTES);

        assertThat(messages.percent(used)).isEqualTo(exactPercent(used, messages.limit()));
        assertThat(bytes.percent(used)).isEqualTo(exactPercent(used, bytes.limit()));
    }

    @Test
    void percentOfTheLargestLimitIsExact() {
        assertThat(PlanLimit.messages(PlanLimit.MAX_LIMIT).percent(PlanLimit.MAX_LIMIT)).isEqualTo(100);
        assertThat(PlanLimit.messages(PlanLimit.MAX_LIMIT).percent(PlanLimit.MAX_LIMIT - 1)).isEqualTo(99);
        assertThat(PlanLimit.messages(PlanLimit.MAX_LIMIT / 2).percent(PlanLimit.MAX_LIMIT)).isEqualTo(200);
        assertThat(PlanLimit.messages(PlanLimit.MAX_LIMIT).percent(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE / PlanLimit.MAX_LIMIT * 100
            + (Long.MAX_VALUE % PlanLimit.MAX_LIMIT) * 100 / PlanLimit.MAX_LIMIT);
    }

    @Test
    void percentStopsAtTheLargestLongRatherThanWrap() {
        assertThat(PlanLimit.messages(1).percent(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(PlanLimit.messages(20).percent(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(PlanLimit.messages(1).percent(Long.MAX_VALUE / 100 - 1)).isEqualTo((Long.MAX_VALUE / 100 - 1) * 100);
    }

    @Test
    void aMegabyteIsTwoToTheTwentiethBytes() {
        PlanLimit limit = PlanLimit.megabytes(1);

        assertThat(limit.dimension()).isEqualTo(PlanLimit.Dimension.BYTES);
        assertThat(limit.limit()).isEqualTo(1_048_576L).isEqualTo(PlanLimit.BYTES_PER_MEGABYTE);
        assertThat(PlanLimit.megabytes(500).limit()).isEqualTo(524_288_000L);
        assertThat(PlanLimit.megabytes(MOST_MEGABYTES).limit()).isEqualTo(1_048_576_000_000_000L);
    }

    @Test
    void megabytesBeyondWhatBytesCanHoldAreRefusedRatherThanWrapped() {
        assertThatThrownBy(() -> PlanLimit.megabytes(PlanLimit.MAX_LIMIT / PlanLimit.BYTES_PER_MEGABYTE + 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("A plan limit is from 1 to " + PlanLimit.MAX_LIMIT / PlanLimit.BYTES_PER_MEGABYTE + " MB, got "
                + (PlanLimit.MAX_LIMIT / PlanLimit.BYTES_PER_MEGABYTE + 1));
        assertThatThrownBy(() -> PlanLimit.megabytes(-1)).hasMessageEndingWith("MB, got -1");
        assertThatThrownBy(() -> PlanLimit.megabytes(Long.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMessagesLimitCountsCopies() {
        PlanLimit limit = PlanLimit.messages(20);

        assertThat(limit.dimension()).isEqualTo(PlanLimit.Dimension.MESSAGES);
        assertThat(limit.limit()).isEqualTo(20);
    }

    @Test
    void eachLimitReadsItsOwnCounter() {
        MonthlyUsage usage = new MonthlyUsage("shop", YearMonth.of(2026, 11), 3, 12_000);

        assertThat(PlanLimit.messages(20).used(usage)).isEqualTo(3);
        assertThat(PlanLimit.megabytes(1).used(usage)).isEqualTo(12_000);
    }

    @Test
    void describeNamesTheLimitAsConfigured() {
        assertThat(PlanLimit.messages(20).describe()).isEqualTo("20 messages");
        assertThat(PlanLimit.megabytes(500).describe()).isEqualTo("500 MB");
        assertThat(PlanLimit.megabytes(1)).hasToString("1 MB");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE, PlanLimit.MAX_LIMIT + 1, Long.MAX_VALUE})
    void aLimitIsFromOneToTheLargest(long limit) {
        assertThatThrownBy(() -> PlanLimit.messages(limit))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("A plan limit is from 1 to " + PlanLimit.MAX_LIMIT + ", got " + limit);
    }

    @Test
    void aMegabytesLimitIsAtLeastOne() {
        assertThatThrownBy(() -> PlanLimit.megabytes(0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("A plan limit is from 1 to " + PlanLimit.MAX_LIMIT / PlanLimit.BYTES_PER_MEGABYTE + " MB, got 0");
    }

    private static long exactPercent(long used, long limit) {
        return BigInteger.valueOf(used).multiply(BigInteger.valueOf(100)).divide(BigInteger.valueOf(limit)).longValueExact();
    }
}
