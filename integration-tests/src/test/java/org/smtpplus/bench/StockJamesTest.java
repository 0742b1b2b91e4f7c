package org.smtpplus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpplus.it.RelayProcess;

/**
 * The benchmark's stock James: James's own sample configuration, changed only as its README says, starts and relays
 * to the counting sink over both of the load generator's patterns.
 */
class StockJamesTest {
    private static final Path JAMES_SAMPLE = RelayProcess.repositoryRoot()
        .resolve("integration-tests/src/test/resources/org/smtpplus/deploy/james-3.8.1/memory-app/sample-configuration");
    private static final List<String> QUICK_START = List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    @Test
    void theConfigurationIsJamesSampleButForTheChangesItsReadmeLists() throws Exception {
        Map<String, String> differing = new TreeMap<>();
        for (String name : names(JAMES_SAMPLE)) {
            String james = Files.readString(JAMES_SAMPLE.resolve(name));
            String kept = Files.readString(StockJames.CONFIGURATION.resolve(name));
            if (!james.equals(kept)) {
                differing.put(name, changedLines(james, kept));
            }
        }

        assertThat(names(StockJames.CONFIGURATION)).containsExactlyElementsOf(
            Stream.concat(names(JAMES_SAMPLE).stream(), Stream.of("README.md")).sorted().collect(Collectors.toList()));
        assertThat(differing).containsOnlyKeys("imapserver.xml", "jmap.properties", "jmx.properties", "logback.xml",
            "mailetcontainer.xml", "smtpserver.xml", "webadmin.properties");
        String readme = Files.readString(StockJames.CONFIGURATION.resolve("README.md"));
        differing.forEach((name, lines) -> assertThat(readme).as("README.md names %s, changed: %s", name, lines).contains("`" + name + "`"));
        assertThat(differing.get("mailetcontainer.xml")).isEqualTo("<gateway>127.0.0.1:${env:STOCK_JAMES_GATEWAY_PORT}</gateway>");
    }

    @Test
    void relaysToTheSinkOverPersistentAndPerMessageAuthenticatedConnections(@TempDir Path home) throws Exception {
        try (CountingSink sink = CountingSink.start();
             StockJames james = StockJames.start(home, sink.port(), QUICK_START)) {
            james.createUser("bench@localhost", "s3cret");
            LoadGenerator load = new LoadGenerator(2);

            load.persistent(new LoadGenerator.Target(james.smtpPort(), false, null, null), 0, 3, StockJamesTest::message);
            load.connectionPerMessage(new LoadGenerator.Target(james.submissionPort(), true, "bench@localhost", "s3cret"),
                3, 2, StockJamesTest::message);

            sink.awaitDelivered(5, TimeUnit.SECONDS.toNanos(60));
            assertThat(sink.duplicates()).isZero();
            assertThat(sink.unknown()).isZero();
            assertThat(load.sent()).isEqualTo(5);
            assertThat(ProcStat.cpuNanos(james.pid())).isPositive();
        }
    }

    private static LoadGenerator.Message message(int i) {
        return new LoadGenerator.Message("app@shop.example", List.of("user" + i + "@example.com"),
            BenchMessages.bytes("X-Bench-Id: test-" + i + "\r\n" + BenchMessages.alternative("test-" + i, 2048)));
    }

    private static List<String> names(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    // The kept file's lines that James's has not, trimmed, joined by " | ".
    private static String changedLines(String james, String kept) {
        List<String> original = james.lines().collect(Collectors.toList());
        return kept.lines().filter(line -> !original.contains(line)).map(String::trim).collect(Collectors.joining(" | "));
    }
}
