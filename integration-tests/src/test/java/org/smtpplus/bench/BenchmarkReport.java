package org.smtpplus.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where a benchmark leaves its result: printed, and kept as a Markdown section in
 * integration-tests/target/benchmarks/, from which {@code ./smtpplus bench} writes docs/benchmarks.md.
 */
final class BenchmarkReport {
    private BenchmarkReport() {
    }

    static void write(String name, String resultLine, String markdown) throws IOException {
        System.out.println(resultLine);
        Path root = Path.of(System.getProperty("smtpplus.repository.root", "..")).toAbsolutePath().normalize();
        Path directory = root.resolve("integration-tests/target/benchmarks");
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(name + ".md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(name + ".txt"), resultLine + "\n", StandardCharsets.UTF_8);
    }

    static String format(String pattern, Object... arguments) {
        return String.format(Locale.ROOT, pattern, arguments);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** The value at {@code percentile} (0-100) of {@code values}, nearest rank. */
    static double percentile(double[] values, double percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
