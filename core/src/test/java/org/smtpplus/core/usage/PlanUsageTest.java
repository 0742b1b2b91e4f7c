package org.smtpplus.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.Overage;
import org.smtpplus.core.account.Plan;

class PlanUsageTest {
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final long MB = PlanLimit.BYTES_PER_MEGABYTE;
    private static final List<PlanLimit> TWENTY_MESSAGES = List.of(PlanLimit.messages(20));
    private static final List<PlanLimit> ONE_MEGABYTE = List.of(PlanLimit.megabytes(1));
    private static final List<PlanLimit> BOTH = List.of(PlanLimit.messages(20), PlanLimit.megabytes(1));

    private static PlanUsage usage(List<PlanLimit> limits, Overage overage, long messages, long bytes) {
        return new PlanUsage(limits, overage, new MonthlyUsage("shop", NOVEMBER, messages, bytes));
    }

    private static PlanUsage messagesUsed(long messages) {
        return usage(TWENTY_MESSAGES, Overage.BLOCK, messages, 0);
    }

    private static List<Integer> thresholdsUpTo(int highest) {
        return PlanUsage.THRESHOLDS.stream().filter(threshold -> threshold <= highest).collect(Collectors.toList());
    }

    @Test
    void thresholdsAreEachTenthUpToTheLimit() {
        assertThat(PlanUsage.THRESHOLDS).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        assertThat(PlanUsage.LIMIT_PERCENT).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void aThresholdIsReachedExactlyAtItsTenth(int tenth) {
        // two messages are a tenth of twenty
        assertThat(messagesUsed(2L * tenth - 1).thresholdsReached()).isEqualTo(thresholdsUpTo(10 * (tenth - 1)));
        assertThat(messagesUsed(2L * tenth).thresholdsReached()).isEqualTo(thresholdsUpTo(10 * tenth));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 0", "2, 10", "3, 10", "19, 90", "20, 100", "21, 100", "40, 100", "1000, 100"})
    void thresholdsOfATwentyMessagePlan(long used, int highest) {
        assertThat(messagesUsed(used).thresholdsReached()).isEqualTo(thresholdsUpTo(highest));
    }

    @Test
    void thresholdsNeverGoBeyondTheLimitInOverage() {
        PlanUsage overage = usage(TWENTY_MESSAGES, Overage.ALLOW, 45, 0);

        assertThat(overage.percent()).hasValue(225);
        assertThat(overage.thresholdsReached()).last().isEqualTo(100);
        assertThat(overage.thresholdsReached()).hasSize(10);
    }

    @Test
    void percentIsThatOfTheMoreUsedLimit() {
        assertThat(usage(BOTH, Overage.BLOCK, 5, 3 * MB / 4).percent()).as("bytes ahead").hasValue(75);
        assertThat(usage(BOTH, Overage.BLOCK, 15, MB / 4).percent()).as("messages ahead").hasValue(75);
        assertThat(usage(BOTH, Overage.BLOCK, 2, MB).thresholdsReached()).as("bytes used up").contains(100);
    }

    @Test
    void percentIsRoundedDown() {
        assertThat(messagesUsed(19).percent()).hasValue(95);
        assertThat(messagesUsed(21).percent()).hasValue(105);
        assertThat(usage(ONE_MEGABYTE, Overage.BLOCK, 1, MB - 1).percent()).hasValue(99);
    }

    @Test
    void withoutPlanThereIsNothingToMeasure() {
        PlanUsage unlimited = usage(List.of(), Overage.BLOCK, 1_000_000, 1_000_000 * MB);

        assertThat(unlimited.hasLimits()).isFalse();
        assertThat(unlimited.percent()).isEmpty();
        assertThat(unlimited.thresholdsReached()).isEmpty();
        assertThat(unlimited.reachedLimit()).isEmpty();
        assertThat(unlimited.blocked()).isFalse();
        assertThat(unlimited.exceededBy(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2)).isEmpty();
        assertThat(unlimited.overageMessages()).isZero();
        assertThat(unlimited.overageBytes()).isZero();
        assertThat(unlimited.describeUsed()).isEmpty();
    }

    @Test
    void limitsAreTakenFromThePlan() {
        assertThat(PlanUsage.limitsOf(Optional.empty())).isEmpty();
        assertThat(PlanUsage.limitsOf(Optional.of(new Plan(Optional.empty(), Optional.empty())))).isEmpty();
        assertThat(PlanUsage.limitsOf(Optional.of(new Plan(Optional.of(20L), Optional.of(1L)))))
            .extracting(PlanLimit::dimension, PlanLimit::limit)
            .containsExactly(
                tuple(PlanLimit.Dimension.MESSAGES, 20L),
                tuple(PlanLimit.Dimension.BYTES, MB));
        assertThat(PlanUsage.limitsOf(Optional.of(new Plan(Optional.empty(), Optional.of(500L)))))
            .singleElement().satisfies(limit -> assertThat(limit.describe()).isEqualTo("500 MB"));
    }

    @Test
    void ofTakesPlanAndOverageFromTheAccount() {
        Account account = Account.builder("shop").plan(new Plan(Optional.of(20L), Optional.empty())).overage(Overage.ALLOW).build();

        PlanUsage usage = PlanUsage.of(account, new MonthlyUsage("shop", NOVEMBER, 25, 0));

        assertThat(usage.limit(PlanLimit.Dimension.MESSAGES)).hasValueSatisfying(limit -> assertThat(limit.limit()).isEqualTo(20));
        assertThat(usage.limit(PlanLimit.Dimension.BYTES)).isEmpty();
        assertThat(usage.overage()).isEqualTo(Overage.ALLOW);
        assertThat(usage.overageMessages()).isEqualTo(5);
    }

    @ParameterizedTest
    @CsvSource({"0, false", "19, false", "20, true", "25, true"})
    void blockedOnlyWithOverageBlockOnceTheLimitIsReached(long used, boolean blocked) {
        assertThat(usage(TWENTY_MESSAGES, Overage.BLOCK, used, 0).reachedLimit().isPresent()).isEqualTo(blocked);
        assertThat(usage(TWENTY_MESSAGES, Overage.BLOCK, used, 0).blocked()).isEqualTo(blocked);
        assertThat(usage(TWENTY_MESSAGES, Overage.ALLOW, used, 0).blocked()).isFalse();
    }

    @Test
    void eitherLimitReachedUsesThePlanUp() {
        assertThat(usage(BOTH, Overage.BLOCK, 1, MB).reachedLimit())
            .hasValueSatisfying(limit -> assertThat(limit.dimension()).isEqualTo(PlanLimit.Dimension.BYTES));
        assertThat(usage(BOTH, Overage.BLOCK, 20, 1).reachedLimit())
            .hasValueSatisfying(limit -> assertThat(limit.dimension()).isEqualTo(PlanLimit.Dimension.MESSAGES));
        assertThat(usage(BOTH, Overage.BLOCK, 1, MB).blocked()).isTrue();
        assertThat(usage(BOTH, Overage.BLOCK, 20, 1).blocked()).isTrue();
        assertThat(usage(BOTH, Overage.BLOCK, 19, MB - 1).reachedLimit()).isEmpty();
        assertThat(usage(BOTH, Overage.BLOCK, 19, MB - 1).blocked()).isFalse();
    }

    @Test
    void whatFitsInTheMessagesLeft() {
        PlanUsage eighteen = messagesUsed(18);

        assertThat(eighteen.exceededBy(2, 10 * MB)).as("the last two").isEmpty();
        assertThat(eighteen.exceededBy(3, 0)).hasValueSatisfying(limit -> assertThat(limit.describe()).isEqualTo("20 messages"));
        assertThat(eighteen.exceededBy(0, 0)).isEmpty();
        assertThat(messagesUsed(20).exceededBy(0, 0)).as("used up is not beyond").isEmpty();
        assertThat(messagesUsed(21).exceededBy(0, 0)).as("beyond already").isPresent();
    }

    @Test
    void whatFitsInTheBytesLeft() {
        PlanUsage almost = usage(ONE_MEGABYTE, Overage.BLOCK, 1_000, MB - 2);

        assertThat(almost.exceededBy(1_000, 2)).isEmpty();
        assertThat(almost.exceededBy(1, 3)).hasValueSatisfying(limit -> assertThat(limit.dimension()).isEqualTo(PlanLimit.Dimension.BYTES));
    }

    @Test
    void exceededByNamesTheLimitThatIsExceeded() {
        PlanUsage both = usage(BOTH, Overage.BLOCK, 18, MB - 100);

        assertThat(both.exceededBy(1, 101)).hasValueSatisfying(limit -> assertThat(limit.dimension()).isEqualTo(PlanLimit.Dimension.BYTES));
        assertThat(both.exceededBy(3, 1)).hasValueSatisfying(limit -> assertThat(limit.dimension()).isEqualTo(PlanLimit.Dimension.MESSAGES));
        assertThat(both.exceededBy(2, 100)).isEmpty();
    }

    @Test
    void overageIsWhatGoesBeyondEachLimit() {
        assertThat(usage(BOTH, Overage.ALLOW, 25, MB + 10).overageMessages()).isEqualTo(5);
        assertThat(usage(BOTH, Overage.ALLOW, 25, MB + 10).overageBytes()).isEqualTo(10);
        assertThat(usage(BOTH, Overage.ALLOW, 15, MB - 10).overageMessages()).isZero();
        assertThat(usage(BOTH, Overage.ALLOW, 15, MB - 10).overageBytes()).isZero();
        assertThat(usage(TWENTY_MESSAGES, Overage.ALLOW, 25, 5 * MB).overageBytes()).as("no bytes limit").isZero();
        assertThat(usage(ONE_MEGABYTE, Overage.ALLOW, 500, 2 * MB).overageMessages()).as("no messages limit").isZero();
    }

    @ParameterizedTest
    @CsvSource({
        "0,                   0.0 MB",
        "104857,              0.0 MB",
        "104858,              0.1 MB",
        "1048575,             0.9 MB",
        "1048576,             1.0 MB",
        "5767168,             5.5 MB",
        "-1,                  0.0 MB",
        "9223372036854775807, 8796093022207.9 MB"})
    void megabytesAreRoundedDownToATenth(long bytes, String megabytes) {
        assertThat(PlanUsage.megabytes(bytes)).isEqualTo(megabytes);
    }

    @Test
    void describeUsedNamesEachLimit() {
        assertThat(usage(BOTH, Overage.BLOCK, 18, MB - 1).describeUsed()).isEqualTo("18 of 20 messages and 0.9 MB of 1 MB");
        assertThat(messagesUsed(18).describeUsed()).isEqualTo("18 of 20 messages");
        assertThat(usage(ONE_MEGABYTE, Overage.BLOCK, 18, MB).describeUsed()).isEqualTo("1.0 MB of 1 MB");
    }

    @Test
    void theMonthAndItsResetComeFromTheUsage() {
        PlanUsage usage = messagesUsed(1);

        assertThat(usage.month()).isEqualTo(NOVEMBER);
        assertThat(usage.resetsAt()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }
}
