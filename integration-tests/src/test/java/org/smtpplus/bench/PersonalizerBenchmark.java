package org.smtpplus.bench;

import static org.smtpplus.bench.BenchmarkReport.format;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.merge.LayeredMergeValues;
import org.smtpplus.core.mime.CopySpec;
import org.smtpplus.core.mime.MessagePersonalizer;
import org.smtpplus.core.mime.ParsedMessage;
import org.smtpplus.core.merge.TextAndHtml;

/**
 * The cost of one recipient's copy in core's MessagePersonalizer, in this JVM on one thread, as
 * PersonalizeEachRecipient uses it: the message parsed once, then one personalize() per recipient (header and
 * footer, merge values of its own). A plain System.nanoTime loop: a timed warm-up, then several timed rounds; the
 * bytes each copy allocates are read from the thread's allocation counter (HotSpot's ThreadMXBean).
 * Not a test: surefire's default includes do not match *Benchmark; {@code ./smtpplus bench} runs it.
 */
class PersonalizerBenchmark {
    private static final long WARM_UP_NANOS = 3_000_000_000L;
    private static final long ROUND_NANOS = 2_000_000_000L;
    private static final int ROUNDS = 5;
    private static final int RECIPIENTS = 100;
    private static final TextAndHtml HEADER = TextAndHtml.of("Hello {{name|there}},", "<p>Hello {{name|there}},</p>");
    private static final TextAndHtml FOOTER = TextAndHtml.of("-- Shop Example, {{email}}", "<p>-- Shop Example, {{email}}</p>");

    @Test
    void personalizer() throws Exception {
        List<String> lines = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        measure("multipart/alternative (text + HTML)", BenchMessages.bytes(BenchMessages.alternative("bench-alt", 20 * 1024)),
            lines, rows);
        measure("multipart/mixed with a 2 MiB attachment", BenchMessages.bytes(BenchMessages.withAttachment("bench-att", 2 * 1024 * 1024)),
            lines, rows);

        String markdown = "| message | size | copies/s (median) | min-max over rounds | MB/s of copies written | KB allocated per copy |\n"
            + "| --- | ---: | ---: | ---: | ---: | ---: |\n"
            + String.join("\n", rows) + "\n\n"
            + format("One thread; each round %d s after a %d s warm-up, %d rounds; copies cycle through %d recipients with "
                + "their own merge values; MB = 10^6 bytes of personalised output, KB = 10^3 bytes (median over rounds). "
                + "Parsing (once per submission) is not included.%n", ROUND_NANOS / 1_000_000_000L, WARM_UP_NANOS / 1_000_000_000L, ROUNDS, RECIPIENTS);
        BenchmarkReport.write("personalizer", String.join("\n", lines), markdown);
    }

    private static void measure(String label, byte[] message, List<String> lines, List<String> rows) throws Exception {
        ParsedMessage parsed = ParsedMessage.parse(new ByteArrayInputStream(message));
        List<CopySpec> specs = new ArrayList<>();
        for (int i = 0; i < RECIPIENTS; i++) {
            String recipient = "user" + i + "@example.com";
            specs.add(CopySpec.builder()
                .recipient(recipient)
                .values(LayeredMergeValues.of(List.of(Map.of("name", "Customer " + i, "email", recipient, "order", "A-" + (1000 + i)))))
                .header(HEADER)
                .footer(FOOTER)
                .build());
        }

        run(parsed, specs, WARM_UP_NANOS);
        double[] copiesPerSecond = new double[ROUNDS];
        double[] megabytesPerSecond = new double[ROUNDS];
        double[] allocatedPerCopy = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long[] result = run(parsed, specs, ROUND_NANOS);
            double seconds = BenchmarkReport.seconds(result[2]);
            copiesPerSecond[round] = result[0] / seconds;
            megabytesPerSecond[round] = result[1] / 1e6 / seconds;
            allocatedPerCopy[round] = (double) result[3] / result[0];
        }
        double median = BenchmarkReport.percentile(copiesPerSecond, 50);
        double medianMb = BenchmarkReport.percentile(megabytesPerSecond, 50);
        double min = BenchmarkReport.percentile(copiesPerSecond, 0);
        double max = BenchmarkReport.percentile(copiesPerSecond, 100);
        double allocatedKb = BenchmarkReport.percentile(allocatedPerCopy, 50) / 1e3;
        String size = format("%,d bytes", message.length);
        lines.add(format("personalizer: %s, %s: %,.0f copies/s (rounds %,.0f-%,.0f), %,.1f MB/s, %,.0f KB allocated per copy",
            label, size, median, min, max, medianMb, allocatedKb));
        rows.add(format("| %s | %s | %,.0f | %,.0f-%,.0f | %,.1f | %,.0f |", label, size, median, min, max, medianMb, allocatedKb));
    }

    /**
     * Copies written, their bytes, the nanoseconds it took and the bytes the thread allocated, personalising for at
     * least {@code nanos}.
     */
    private static long[] run(ParsedMessage parsed, List<CopySpec> specs, long nanos) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        long copies = 0;
        long bytes = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            bytes += MessagePersonalizer.personalize(parsed, specs.get((int) (copies % specs.size()))).length;
            copies++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        return new long[] {copies, bytes, elapsed, threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocatedBefore};
    }
}
