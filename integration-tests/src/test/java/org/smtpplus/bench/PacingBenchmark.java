package org.smtpplus.bench;

import static org.smtpplus.bench.BenchmarkReport.format;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.pacing.MemoryPaceCounters;
import org.smtpplus.core.pacing.MemoryPacingRuleRepository;
import org.smtpplus.core.pacing.Pacing;
import org.smtpplus.core.pacing.PacingRule;

/**
 * The cost of the pacing bookkeeping of one copy, in this JVM on one thread, with the memory store: a slot taken
 * ({@code Pacing.reserve}, as the outgoing queue takes one per copy) and a connection acquired and released (as each
 * delivery does). One destination, and 10,000 destinations paced by {@code *}, on a clock that moves 1 ms a copy: copies
 * come as fast as a pace of one a millisecond lets them leave, so the bookkeeping stays the size it has in a relay
 * (a benchmark that queued millions of copies ahead would measure the memory they hold). With the Cassandra store a
 * node also takes its slots from a counter in blocks (an increment and a read a block), which this does not measure.
 * Not a test: surefire's default includes do not match *Benchmark; {@code ./smtpplus bench} runs it.
 */
class PacingBenchmark {
    private static final long WARM_UP_NANOS = 2_000_000_000L;
    private static final long ROUND_NANOS = 1_000_000_000L;
    private static final int ROUNDS = 5;

    @Test
    void pacing() throws Exception {
        List<String> lines = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        measure("one destination (60,000 a minute)", 1, lines, rows);
        measure("10,000 destinations by `*`", 10_000, lines, rows);

        String markdown = "| destinations | copies/s (median) | min-max over rounds |\n"
            + "| --- | ---: | ---: |\n"
            + String.join("\n", rows) + "\n\n"
            + format("One thread, memory store; each round %d s after a %d s warm-up, %d rounds. A copy is one slot taken "
                + "and one connection acquired and released.%n", ROUND_NANOS / 1_000_000_000L, WARM_UP_NANOS / 1_000_000_000L,
                ROUNDS);
        BenchmarkReport.write("pacing", String.join("\n", lines), markdown);
    }

    private static void measure(String label, int destinations, List<String> lines, List<String> rows) throws Exception {
        SteppingClock clock = new SteppingClock();
        Pacing pacing = new Pacing(new MemoryPacingRuleRepository(), new MemoryPaceCounters(), clock);
        pacing.put(PacingRule.of(destinations == 1 ? "example.com" : PacingRule.ANY_OTHER, PacingRule.MAX_PER_MINUTE, 4));
        String[] names = new String[destinations];
        for (int i = 0; i < destinations; i++) {
            names[i] = destinations == 1 ? "example.com" : "d" + i + ".example";
        }
        run(pacing, clock, names, WARM_UP_NANOS);
        double[] copiesPerSecond = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long[] result = run(pacing, clock, names, ROUND_NANOS);
            copiesPerSecond[round] = result[0] / BenchmarkReport.seconds(result[1]);
        }
        double median = BenchmarkReport.percentile(copiesPerSecond, 50);
        double min = BenchmarkReport.percentile(copiesPerSecond, 0);
        double max = BenchmarkReport.percentile(copiesPerSecond, 100);
        lines.add(format("pacing: %s: %,.0f copies/s (rounds %,.0f-%,.0f)", label, median, min, max));
        rows.add(format("| %s | %,.0f | %,.0f-%,.0f |", label, median, min, max));
    }

    /** Copies booked and the nanoseconds it took, for at least {@code nanos}. */
    private static long[] run(Pacing pacing, SteppingClock clock, String[] names, long nanos) {
        long copies = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            String destination = names[(int) (copies % names.length)];
            pacing.reserve(destination);
            pacing.acquireConnection(destination, () -> { });
            pacing.releaseConnection(destination);
            clock.millis += 1;
            copies++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        return new long[] {copies, elapsed};
    }

    // Moved by the loop only: one thread.
    private static final class SteppingClock extends Clock {
        private long millis = Instant.parse("2026-12-06T10:00:00Z").toEpochMilli();

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("one zone");
        }
    }
}
