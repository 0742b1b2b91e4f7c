package org.smtpplus.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
        Path directory = directory();
        Files.writeString(directory.resolve(name + ".md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(name + ".txt"), resultLine + "\n", StandardCharsets.UTF_8);
    }

    /**
     * A progress line: printed, and appended to progress.log in the results' directory, which {@code ./smtpplus bench}
     * shows while the benchmarks run (surefire keeps the tests' own output in a file until they end).
     */
    static synchronized void progress(String line) {
        System.out.println(line);
        try {
            Files.writeString(directory().resolve("progress.log"), line + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("Cannot write progress.log: " + e);
        }
    }

    private static Path directory() throws IOException {
        Path root = Path.of(System.getProperty("smtpplus.repository.root", "..")).toAbsolutePath().normalize();
        return Files.createDirectories(root.resolve("integration-tests/target/benchmarks"));
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
