package org.smtpplus.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.Overage;
import org.smtpplus.core.account.Plan;
import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.usage.Admission.Decision;

class UsageMeterTest {
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final YearMonth DECEMBER = YearMonth.of(2026, 12);
    private static final Instant IN_NOVEMBER = Instant.parse("2026-11-20T10:00:00Z");
    private static final long MB = PlanLimit.BYTES_PER_MEGABYTE;

    private final MemoryUsageRepository usage = new MemoryUsageRepository();
    private final MutableClock clock = new MutableClock(IN_NOVEMBER);
    private final UsageMeter meter = new UsageMeter(usage, clock);

    private static Account account(Optional<Long> messages, Optional<Long> megabytes, Overage overage) {
        return Account.builder("shop").plan(new Plan(messages, megabytes)).overage(overage).build();
    }

    private static Account messagesPlan(long messages, Overage overage) {
        return account(Optional.of(messages), Optional.empty(), overage);
    }

    private MonthlyUsage stored(YearMonth month) {
        return usage.get("shop", month);
    }

    @Test
    void aPlanOfTwentyAdmitsExactlyTwentyCopiesThenRefusesNamingTheMessagesLimit() {
        Account shop = messagesPlan(20, Overage.BLOCK);

        for (int copy = 1; copy <= 20; copy++) {
            Admission admission = meter.admit(shop, 1, 1_000);
            assertThat(admission.decision()).as("copy %d", copy).isEqualTo(Decision.COUNTED);
            assertThat(admission.usage().usage().messages()).as("counted into").isEqualTo(copy);
            assertThat(admission.exceeded()).isEmpty();
        }
        Admission twentyFirst = meter.admit(shop, 1, 1_000);

        assertThat(twentyFirst.decision()).isEqualTo(Decision.REFUSED);
        assertThat(twentyFirst.exceeded()).hasValueSatisfying(limit -> {
            assertThat(limit.dimension()).isEqualTo(PlanLimit.Dimension.MESSAGES);
            assertThat(limit.describe()).isEqualTo("20 messages");
        });
        assertThat(twentyFirst.usage().usage().messages()).as("without the refused message").isEqualTo(20);
        assertThat(twentyFirst.usage().blocked()).isTrue();
        assertThat(stored(NOVEMBER)).isEqualTo(new MonthlyUsage("shop", NOVEMBER, 20, 20_000));
    }

    @Test
    void aMessageOfMoreCopiesThanAreLeftIsRefusedWholeAndCountsNothing() {
        Account shop = messagesPlan(20, Overage.BLOCK);
        meter.count("shop", NOVEMBER, 17, 17_000);

        Admission fiveCopies = meter.admit(shop, 5, 5_000);

        assertThat(fiveCopies.decision()).isEqualTo(Decision.REFUSED);
        assertThat(fiveCopies.usage().usage().messages()).isEqualTo(17);
        assertThat(stored(NOVEMBER)).isEqualTo(new MonthlyUsage("shop", NOVEMBER, 17, 17_000));
        assertThat(meter.admit(shop, 3, 3_000).decision()).as("what is left still fits").isEqualTo(Decision.COUNTED);
        assertThat(stored(NOVEMBER).messages()).isEqualTo(20);
    }

    @Test
    void overageAllowCountsBeyondThePlan() {
        Account shop = messagesPlan(20, Overage.ALLOW);

        for (int copy = 1; copy <= 25; copy++) {
            assertThat(meter.admit(shop, 1, 1_000).decision()).as("copy %d", copy).isEqualTo(Decision.COUNTED);
        }
        Admission large = meter.admit(shop, 10, 10_000);

        assertThat(large.decision()).isEqualTo(Decision.COUNTED);
        assertThat(large.usage().usage().messages()).isEqualTo(35);
        assertThat(large.usage().overageMessages()).isEqualTo(15);
        assertThat(large.usage().percent()).hasValue(175);
        assertThat(stored(NOVEMBER)).isEqualTo(new MonthlyUsage("shop", NOVEMBER, 35, 35_000));
    }

    @Test
    void withoutPlanItJustCounts() {
        for (Account unlimited : List.of(Account.withDefaults("shop"), account(Optional.empty(), Optional.empty(), Overage.BLOCK))) {
            Admission admission = meter.admit(unlimited, 3, 3_000);

            assertThat(admission.decision()).isEqualTo(Decision.COUNTED);
            assertThat(admission.usage().usage()).as("only the message itself").isEqualTo(new MonthlyUsage("shop", NOVEMBER, 3, 3_000));
            assertThat(admission.usage().hasLimits()).isFalse();
        }
        assertThat(stored(NOVEMBER)).isEqualTo(new MonthlyUsage("shop", NOVEMBER, 6, 6_000));
    }

    @Test
    void novembersUsageDoesNotBlockDecember() {
        Account shop = messagesPlan(20, Overage.BLOCK);
        meter.count("shop", NOVEMBER, 20, 20_000);
        clock.set(Instant.parse("2026-11-30T23:59:59Z"));

        assertThat(meter.admit(shop, 1, 1_000).decision()).isEqualTo(Decision.REFUSED);
        assertThat(meter.current(shop).blocked()).isTrue();

        clock.set(Instant.parse("2026-12-01T00:00:00Z"));
        Admission december = meter.admit(shop, 1, 1_000);

        assertThat(meter.currentMonth()).isEqualTo(DECEMBER);
        assertThat(december.decision()).isEqualTo(Decision.COUNTED);
        assertThat(december.usage().month()).isEqualTo(DECEMBER);
        assertThat(december.usage().usage().messages()).isEqualTo(1);
        assertThat(meter.current(shop).usage()).isEqualTo(new MonthlyUsage("shop", DECEMBER, 1, 1_000));
        assertThat(meter.of(shop, NOVEMBER).usage()).isEqualTo(new MonthlyUsage("shop", NOVEMBER, 20, 20_000));
    }

    @Test
    void aMegabytePlanRefusesByBytes() {
        Account shop = account(Optional.empty(), Optional.of(1L), Overage.BLOCK);

        assertThat(meter.admit(shop, 1, 600_000).decision()).isEqualTo(Decision.COUNTED);
        assertThat(meter.admit(shop, 1, MB - 600_000).decision()).as("to the byte").isEqualTo(Decision.COUNTED);
        Admission oneByteMore = meter.admit(shop, 1, 1);

        assertThat(oneByteMore.decision()).isEqualTo(Decision.REFUSED);
        assertThat(oneByteMore.exceeded()).hasValueSatisfying(limit -> {
            assertThat(limit.dimension()).isEqualTo(PlanLimit.Dimension.BYTES);
            assertThat(limit.describe()).isEqualTo("1 MB");
        });
        assertThat(stored(NOVEMBER)).isEqualTo(new MonthlyUsage("shop", NOVEMBER, 2, MB));
    }

    @Test
    void withBothLimitsTheBytesCanRefuseWhileMessagesAreLeft() {
        Account shop = account(Optional.of(1_000L), Optional.of(1L), Overage.BLOCK);
        meter.count("shop", NOVEMBER, 10, MB - 10);

        Admission admission = meter.admit(shop, 1, 11);

        assertThat(admission.decision()).isEqualTo(Decision.REFUSED);
        assertThat(admission.exceeded()).hasValueSatisfying(limit -> assertThat(limit.dimension()).isEqualTo(PlanLimit.Dimension.BYTES));
    }

    @Test
    void manySendersAtOnceNeverExceedThePlan() throws Exception {
        Account shop = messagesPlan(100, Overage.BLOCK);
        UsageMeter shared = new UsageMeter(usage, Clock.fixed(IN_NOVEMBER, ZoneOffset.UTC));
        int threads = 8;
        int attemptsPerThread = 50;
        Queue<Admission> admissions = new ConcurrentLinkedQueue<>();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                senders.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < attemptsPerThread; i++) {
                        admissions.add(shared.admit(shop, 1, 1_000));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> sender : senders) {
                sender.get(2, TimeUnit.MINUTES);
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(admissions).hasSize(threads * attemptsPerThread);
        assertThat(admissions).filteredOn(admission -> admission.decision() == Decision.COUNTED)
            .hasSize(100)
            .allSatisfy(admission -> assertThat(admission.usage().usage().messages()).isBetween(1L, 100L));
        assertThat(admissions).filteredOn(admission -> admission.decision() == Decision.REFUSED)
            .allSatisfy(admission -> assertThat(admission.exceeded()).isPresent());
        assertThat(stored(NOVEMBER)).isEqualTo(new MonthlyUsage("shop", NOVEMBER, 100, 100_000));
    }

    @Test
    void aRivalThatLeavesRoomIsReadBackWithTheMessage() {
        RacedUsageRepository raced = new RacedUsageRepository().rivalAfter(2, 1);
        raced.alreadyCounted("shop", NOVEMBER, 10);

        Admission admission = new UsageMeter(raced, clock).admit(messagesPlan(20, Overage.BLOCK), 2, 0);

        assertThat(admission.decision()).isEqualTo(Decision.COUNTED);
        assertThat(admission.usage().usage().messages()).isEqualTo(13);
        assertThat(raced.calls()).containsExactly("get 10", "add 2", "get 13");
    }

    @Test
    void aRivalThatTookTheLastUnitsGetsTheMessageGivenBackAndRefused() {
        RacedUsageRepository raced = new RacedUsageRepository().rivalAfter(2, 1);
        raced.alreadyCounted("shop", NOVEMBER, 18);

        Admission admission = new UsageMeter(raced, clock).admit(messagesPlan(20, Overage.BLOCK), 2, 0);

        assertThat(raced.calls()).containsExactly("get 18", "add 2", "get 21", "add -2", "get 19", "get 19");
        assertThat(admission.decision()).isEqualTo(Decision.REFUSED);
        assertThat(admission.exceeded()).hasValueSatisfying(limit -> assertThat(limit.dimension()).isEqualTo(PlanLimit.Dimension.MESSAGES));
        assertThat(admission.usage().usage().messages()).isEqualTo(19);
        assertThat(raced.stored("shop", NOVEMBER).messages()).as("the rival's unit only").isEqualTo(19);
    }

    @Test
    void aRivalThatGaveItsUnitsBackTooLetsTheMessageInOnTheNextAttempt() {
        RacedUsageRepository raced = new RacedUsageRepository().rivalAfter(2, 1).rivalAfter(4, -1);
        raced.alreadyCounted("shop", NOVEMBER, 18);

        Admission admission = new UsageMeter(raced, clock).admit(messagesPlan(20, Overage.BLOCK), 2, 0);

        assertThat(raced.calls()).containsExactly("get 18", "add 2", "get 21", "add -2", "get 18", "add 2", "get 20");
        assertThat(admission.decision()).isEqualTo(Decision.COUNTED);
        assertThat(admission.usage().usage().messages()).isEqualTo(20);
        assertThat(raced.stored("shop", NOVEMBER).messages()).isEqualTo(20);
    }

    @Test
    void aRivalRacingEveryAttemptLeavesTheMessageContendedAndUncounted() {
        RacedUsageRepository raced = new RacedUsageRepository();
        List<String> expectedCalls = new ArrayList<>();
        for (int attempt = 0; attempt < UsageMeter.ATTEMPTS; attempt++) {
            raced.rivalAfter(2 + 4 * attempt, 1).rivalAfter(4 + 4 * attempt, -1);
            expectedCalls.addAll(List.of("get 18", "add 2", "get 21", "add -2"));
        }
        raced.alreadyCounted("shop", NOVEMBER, 18);

        Admission admission = new UsageMeter(raced, clock).admit(messagesPlan(20, Overage.BLOCK), 2, 0);

        assertThat(raced.calls()).isEqualTo(expectedCalls);
        assertThat(admission.decision()).isEqualTo(Decision.CONTENDED);
        assertThat(admission.exceeded()).isEmpty();
        assertThat(admission.usage().usage().messages()).isEqualTo(18);
        assertThat(raced.stored("shop", NOVEMBER).messages()).as("unchanged").isEqualTo(18);
    }

    @Test
    void aRefusalRestsOnTwoLooksThatAgree() {
        RacedUsageRepository raced = new RacedUsageRepository();
        raced.alreadyCounted("shop", NOVEMBER, 20);

        Admission admission = new UsageMeter(raced, clock).admit(messagesPlan(20, Overage.BLOCK), 1, 0);

        assertThat(raced.calls()).containsExactly("get 20", "get 20");
        assertThat(admission.decision()).isEqualTo(Decision.REFUSED);
    }

    @Test
    void unitsInFlightAtTheFirstLookAreNoRefusal() {
        // a racer's units are in at the first look and given back before the second
        RacedUsageRepository raced = new RacedUsageRepository().rivalAfter(1, -3);
        raced.alreadyCounted("shop", NOVEMBER, 21);

        Admission admission = new UsageMeter(raced, clock).admit(messagesPlan(20, Overage.BLOCK), 2, 0);

        assertThat(raced.calls()).containsExactly("get 21", "get 18", "add 2", "get 20");
        assertThat(admission.decision()).isEqualTo(Decision.COUNTED);
    }

    @Test
    void checkFitsAtOnceAndRefusesOnlyOnTwoLooksThatAgree() {
        RacedUsageRepository raced = new RacedUsageRepository();
        raced.alreadyCounted("shop", NOVEMBER, 19);
        UsageMeter meter = new UsageMeter(raced, clock);
        Account account = messagesPlan(20, Overage.BLOCK);

        assertThat(meter.check(account, usage -> usage.reachedLimit().isPresent()).verdict()).isEqualTo(PlanCheck.Verdict.FITS);
        assertThat(meter.check(account, usage -> usage.exceededBy(2, 0).isPresent()).verdict()).isEqualTo(PlanCheck.Verdict.REFUSED);
        assertThat(raced.calls()).containsExactly("get 19", "get 19", "get 19");
    }

    @Test
    void twoLooksOfTheSameCountsWithAnAdditionAndItsTakingBackBetweenThemAreNoRefusal() {
        // between the first two looks a racer adds its units and takes them back: the counts look the same, the
        // changes do not; only a third look that agrees with the second refuses
        RacedUsageRepository raced = new RacedUsageRepository().rivalAfter(1, 0);
        raced.alreadyCounted("shop", NOVEMBER, 20);

        PlanCheck check = new UsageMeter(raced, clock).check(messagesPlan(20, Overage.BLOCK), usage -> usage.reachedLimit().isPresent());

        assertThat(raced.calls()).containsExactly("get 20", "get 20", "get 20");
        assertThat(check.verdict()).isEqualTo(PlanCheck.Verdict.REFUSED);
    }

    @Test
    void checkOfCountersThatKeepChangingIsUnsettled() {
        RacedUsageRepository raced = new RacedUsageRepository();
        for (int look = 1; look <= UsageMeter.ATTEMPTS; look++) {
            raced.rivalAfter(look, 1);
        }
        raced.alreadyCounted("shop", NOVEMBER, 20);

        PlanCheck check = new UsageMeter(raced, clock).check(messagesPlan(20, Overage.BLOCK), usage -> usage.reachedLimit().isPresent());

        assertThat(check.verdict()).isEqualTo(PlanCheck.Verdict.UNSETTLED);
        assertThat(raced.calls()).hasSize(UsageMeter.ATTEMPTS);
    }

    @Test
    void aStoreThatCannotCountFailsTheAdmission() {
        // reads answer, writes fail: a store that lost its write quorum
        UsageRepository down = StoreOutage.of(UsageRepository.class, new MemoryUsageRepository()).downFor("add").port();
        UsageMeter unavailable = new UsageMeter(down, clock);

        assertThatThrownBy(() -> unavailable.admit(messagesPlan(20, Overage.BLOCK), 1, 1_000)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> unavailable.admit(Account.withDefaults("shop"), 1, 1_000)).isInstanceOf(StoreUnavailableException.class);
    }
}
