package org.smtpplus.core.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpplus.core.pacing.PacingRuleRepositoryContract.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.usage.MutableClock;

class PacingTest {
    // the start of a minute, so that the minutes of the shared counts fall on whole slots
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final MemoryPacingRuleRepository rules = new MemoryPacingRuleRepository();
    private final MemoryPaceCounters counters = new MemoryPaceCounters();
    private final Pacing pacing = new Pacing(rules, counters, clock);

    @Test
    void aDestinationWithoutRuleNeverWaits() {
        pacing.put(rule("gmail.com", 30, 2));

        for (int i = 0; i < 100; i++) {
            assertThat(pacing.reserve("yahoo.com")).isZero();
        }
        assertThat(pacing.waiting()).isEmpty();
    }

    @Test
    void copiesGivenAtOnceAreSpacedEvenlyWithoutBurst() {
        pacing.put(rule("example.com", 30, 2));

        List<Duration> delays = reserve(pacing, "example.com", 60);

        assertThat(delays.get(0)).isZero();
        assertThat(delays.get(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(delays.get(59)).isEqualTo(Duration.ofSeconds(118));
        for (int i = 1; i < delays.size(); i++) {
            assertThat(delays.get(i).minus(delays.get(i - 1))).isEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void aSlotIsNeverInThePastAndAnIdleDestinationGoesAtOnce() {
        pacing.put(rule("example.com", 30, 2));
        reserve(pacing, "example.com", 10);

        clock.advance(Duration.ofSeconds(7));
        assertThat(pacing.reserve("example.com")).as("slot 10 of the burst, at 20 s").isEqualTo(Duration.ofSeconds(13));

        clock.advance(Duration.ofMinutes(5));
        assertThat(pacing.reserve("example.com")).isZero();
        assertThat(pacing.reserve("example.com")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theDefaultRulePacesEachOtherDomainOnItsOwnAndAnOwnRuleWins() {
        pacing.put(rule(PacingRule.ANY_OTHER, 60, 2));
        pacing.put(rule("fast.example", 600, 2));

        assertThat(reserve(pacing, "a.example", 2)).containsExactly(Duration.ZERO, Duration.ofSeconds(1));
        assertThat(reserve(pacing, "b.example", 2)).containsExactly(Duration.ZERO, Duration.ofSeconds(1));
        assertThat(reserve(pacing, "fast.example", 2)).containsExactly(Duration.ZERO, Duration.ofMillis(100));
    }

    @Test
    void aDeletedRuleLeavesItsDestinationToTheDefault() {
        pacing.put(rule(PacingRule.ANY_OTHER, 60, 2));
        pacing.put(rule("example.com", 6, 2));

        assertThat(pacing.delete("example.com")).isTrue();
        assertThat(pacing.ruleFor("example.com")).contains(rule(PacingRule.ANY_OTHER, 60, 2));
        assertThat(pacing.delete("example.com")).isFalse();
    }

    @Test
    void waitingCountsTheCopiesWhoseSlotIsStillAhead() {
        pacing.put(rule("example.com", 30, 2));
        reserve(pacing, "example.com", 60);

        assertThat(pacing.waiting()).isEqualTo(Map.of("example.com", 59L));
        clock.advance(Duration.ofSeconds(10));
        assertThat(pacing.waiting()).isEqualTo(Map.of("example.com", 54L));
        clock.advance(Duration.ofMinutes(2));
        assertThat(pacing.waiting()).isEmpty();
    }

    @Test
    void twoNodesSharingTheCountsKeepThePaceTogether() {
        Pacing other = new Pacing(rules, counters, clock);
        pacing.put(rule("example.com", 30, 2));

        List<Long> slots = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            slots.add((i % 2 == 0 ? pacing : other).reserve("example.com").toMillis());
        }

        assertThat(slots).doesNotHaveDuplicates();
        Map<Long, Long> perMinute = slots.stream().collect(Collectors.groupingBy(slot -> slot / 60_000, Collectors.counting()));
        assertThat(perMinute.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(30));
        assertThat(slots.stream().mapToLong(Long::longValue).max().getAsLong()).isEqualTo(118_000);
    }

    @Test
    void aNodeTakesThePlacesAfterThoseTheOtherNodesTookInTheMinute() {
        Pacing other = new Pacing(rules, counters, clock);
        pacing.put(rule("example.com", 30, 2));
        // the other node took the first places of this minute, then this node starts
        reserve(other, "example.com", 5);

        List<Duration> delays = reserve(pacing, "example.com", 3);

        assertThat(delays).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(12), Duration.ofSeconds(14));
    }

    @Test
    void aStoreOutagePacesEachNodeAloneAndIsReported() {
        StoreOutage<PaceCounters> outage = StoreOutage.of(PaceCounters.class, counters);
        Pacing node = new Pacing(rules, outage.port(), clock);
        node.put(rule("example.com", 30, 2));
        assertThat(node.lastOutage()).isEmpty();

        outage.down();
        List<Duration> delays = reserve(node, "example.com", 3);

        assertThat(delays).containsExactly(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(node.lastOutage()).contains(T0);
    }

    @Test
    void theLastRulesReadAreKeptWhileTheStoreCannotAnswer() {
        StoreOutage<PacingRuleRepository> outage = StoreOutage.of(PacingRuleRepository.class, rules);
        Pacing node = new Pacing(outage.port(), counters, clock);
        node.put(rule("example.com", 30, 2));
        assertThat(node.ruleFor("example.com")).isPresent();

        outage.down();
        clock.advance(Pacing.RULES_REFRESH.multipliedBy(3));

        assertThat(node.ruleFor("example.com")).contains(rule("example.com", 30, 2));
        assertThat(node.lastOutage()).isPresent();
    }

    @Test
    void aRuleChangedOnAnotherNodeAppliesHereWithinTheRefresh() {
        Pacing other = new Pacing(rules, counters, clock);
        assertThat(pacing.ruleFor("example.com")).isEmpty();

        other.put(rule("example.com", 30, 2));
        assertThat(pacing.ruleFor("example.com")).isEmpty();
        clock.advance(Pacing.RULES_REFRESH);

        assertThat(pacing.ruleFor("example.com")).contains(rule("example.com", 30, 2));
    }

    @Test
    void theCountsOfMinutesThatAreOverAreForgotten() {
        pacing.put(rule("example.com", 30, 2));
        for (int minute = 0; minute < 120; minute++) {
            reserve(pacing, "example.com", 3);
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(counters.size()).isLessThanOrEqualTo((int) Pacing.FORGET_AFTER_MINUTES + 2);
    }

    @Test
    void idleDestinationsAreDroppedWhenManyAreKnown() {
        pacing.put(rule(PacingRule.ANY_OTHER, 60, 2));
        for (int i = 0; i <= Pacing.MAX_DESTINATIONS; i++) {
            pacing.reserve("d" + i + ".example");
        }
        clock.advance(Duration.ofMinutes(Pacing.FORGET_AFTER_MINUTES + 1));

        pacing.reserve("new.example");

        assertThat(counters.size()).isLessThanOrEqualTo(1);
    }

    @Test
    void connectionsBeyondTheLimitWaitInOrderForARelease() {
        pacing.put(rule("example.com", 30, 2));
        List<Integer> granted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int copy = i;
            pacing.acquireConnection("example.com", () -> granted.add(copy));
        }
        assertThat(granted).containsExactly(0, 1);
        assertThat(pacing.waiting()).isEqualTo(Map.of("example.com", 2L));

        pacing.releaseConnection("example.com");
        assertThat(granted).containsExactly(0, 1, 2);
        pacing.releaseConnection("example.com");
        pacing.releaseConnection("example.com");
        assertThat(granted).containsExactly(0, 1, 2, 3);
        assertThat(pacing.waiting()).isEmpty();
    }

    @Test
    void aDestinationWithoutRuleHasNoConnectionLimit() {
        List<Integer> granted = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int copy = i;
            pacing.acquireConnection("example.com", () -> granted.add(copy));
        }

        assertThat(granted).hasSize(1000);
    }

    private static List<Duration> reserve(Pacing pacing, String destination, int copies) {
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            delays.add(pacing.reserve(destination));
        }
        return delays;
    }
}
