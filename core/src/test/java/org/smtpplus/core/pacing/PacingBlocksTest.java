package org.smtpplus.core.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpplus.core.pacing.PacingRuleRepositoryContract.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.usage.MutableClock;

/** The places a node counts in the store a block at a time: fewer requests, never past the pace. */
class PacingBlocksTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final MemoryPacingRuleRepository rules = new MemoryPacingRuleRepository();
    private final AtomicInteger requests = new AtomicInteger();
    private final MemoryPaceCounters memory = new MemoryPaceCounters();
    private final PaceCounters counters = new PaceCounters() {
        @Override
        public long increment(String destination, long minute) {
            requests.incrementAndGet();
            return memory.increment(destination, minute);
        }

        @Override
        public long add(String destination, long minute, int slots) {
            requests.incrementAndGet();
            return memory.add(destination, minute, slots);
        }

        @Override
        public void forget(String destination, long minute) {
            memory.forget(destination, minute);
        }
    };

    @Test
    void theBlockIsATwentiethOfThePaceBetweenOneAndTheMaximum() {
        assertThat(Pacing.blockOf(1)).isEqualTo(1);
        assertThat(Pacing.blockOf(39)).isEqualTo(1);
        assertThat(Pacing.blockOf(600)).isEqualTo(30);
        assertThat(Pacing.blockOf(PacingRule.MAX_PER_MINUTE)).isEqualTo(Pacing.MAX_BLOCK);
    }

    @Test
    void oneNodeAsksTheStoreOnceABlockAndKeepsTheExactSpacing() {
        Pacing pacing = new Pacing(rules, counters, clock);
        pacing.put(rule("example.com", 600, 2));

        List<Duration> delays = reserve(pacing, 1200);

        for (int i = 0; i < delays.size(); i++) {
            assertThat(delays.get(i)).isEqualTo(Duration.ofMillis(100L * i));
        }
        // 1,200 copies, 2 minutes of 600 in blocks of 30: 40 requests instead of 1,200
        assertThat(requests).hasValue(40);
    }

    @Test
    void threeNodesTogetherNeverGoPastThePaceAndLoseAtMostABlockEachAMinute() {
        List<Pacing> nodes = List.of(new Pacing(rules, counters, clock), new Pacing(rules, counters, clock),
            new Pacing(rules, counters, clock));
        nodes.get(0).put(rule("example.com", 600, 2));

        List<Long> slots = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            slots.add(nodes.get(i % 3).reserve("example.com").toMillis());
        }

        assertThat(slots).doesNotHaveDuplicates();
        Map<Long, Long> perMinute = slots.stream().collect(Collectors.groupingBy(slot -> slot / 60_000, Collectors.counting()));
        assertThat(perMinute.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(600));
        // every minute but the last holds at least the pace less a block of each node
        long last = perMinute.keySet().stream().mapToLong(Long::longValue).max().getAsLong();
        perMinute.forEach((minute, count) -> {
            if (minute < last) {
                assertThat(count).isGreaterThanOrEqualTo(600 - 3 * Pacing.blockOf(600));
            }
        });
        assertThat(requests.get()).isLessThanOrEqualTo(3000 / 30 + 3 * perMinute.size());
    }

    private static List<Duration> reserve(Pacing pacing, int copies) {
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            delays.add(pacing.reserve("example.com"));
        }
        return delays;
    }
}
