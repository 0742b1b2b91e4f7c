package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A setting the relay cannot use, or a port it cannot bind, stops the launcher of ./smtpplus run before James starts:
 * one line naming the variable the user set, its value and what is expected, exit status 1 (docs/configuration.md).
 * So does a durable mail queue (the cassandra store) it cannot use, naming SMTPPLUS_HOME and the queue's directory
 * (docs/operator-guide.md, durable single node).
 */
class StartFailureTest {
    // Each process ends by itself on the code under test; before, a busy WebAdmin port made it hang for ever.
    private static final long EXIT_WAIT_SECONDS = 90;

    @TempDir
    Path home;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aBadGatewayIsOneLineNamingTheVariableAndTheValue() throws Exception {
        Run run = run(Map.of("SMTPPLUS_GATEWAY", "smtp.example.net:25:25"));

        assertThat(run.exitStatus).isNotZero();
        assertThat(run.lines).singleElement().asString()
            .contains("SMTPPLUS_GATEWAY=smtp.example.net:25:25", "must be host or host:port")
            .doesNotContain("smtpplus.gateway");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aBusyWebAdminPortStopsTheLauncherAtOnceNamingTheVariableAndThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            Run run = run(Map.of("SMTPPLUS_WEBADMIN_PORT", String.valueOf(port)));

            assertThat(run.exitStatus).isNotZero();
            assertThat(run.lines).singleElement().asString().contains("SMTPPLUS_WEBADMIN_PORT=" + port, "port " + port);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aBusySmtpPortStopsTheLauncherNamingTheVariableAndThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();

            Run run = run(Map.of("SMTPPLUS_SMTP_PORT", String.valueOf(port)));

            assertThat(run.exitStatus).isNotZero();
            assertThat(run.lines).singleElement().asString().contains("SMTPPLUS_SMTP_PORT=" + port, "port " + port);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aCorruptMailQueueJournalStopsTheLauncherNamingItsDirectory() throws Exception {
        Path journal = home.resolve("var/store/activemq/brokers/KahaDB");
        Files.createDirectories(journal);
        byte[] garbage = new byte[64 * 1024];
        Arrays.fill(garbage, (byte) 0x5a);
        Files.write(journal.resolve("db-1.log"), garbage);

        Run run = run(Map.of("SMTPPLUS_STORE", "cassandra"));

        assertThat(run.exitStatus).isNotZero();
        // Before it, KahaDB's own warning and error say where in which file it found the corruption; no stack trace.
        assertThat(run.lines).noneMatch(line -> line.startsWith("\tat "));
        assertThat(run.lines).last().asString()
            .startsWith("SMTP+ could not start: SMTPPLUS_HOME=" + home + ": the mail queue's directory " + journal
                + " holds a journal that cannot be opened (");
        assertThat(Files.readAllBytes(journal.resolve("db-1.log"))).as("the journal, for the operator to restore or move").isEqualTo(garbage);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aMailQueueDirectoryThatCannotBeMadeStopsTheLauncherNamingIt() throws Exception {
        Files.createDirectories(home.resolve("var/store"));
        Files.writeString(home.resolve("var/store/activemq"), "not a directory");

        Run run = run(Map.of("SMTPPLUS_STORE", "cassandra"));

        assertThat(run.exitStatus).isNotZero();
        assertThat(run.lines).singleElement().asString()
            .startsWith("SMTP+ could not start: SMTPPLUS_HOME=" + home + ": the mail queue's directory "
                + home.resolve("var/store/activemq/brokers/KahaDB") + " cannot be created (");
    }

    private Run run(Map<String, String> settings) throws Exception {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("SMTPPLUS_HOME", home.toString());
        for (String port : List.of("SMTPPLUS_SMTP_PORT", "SMTPPLUS_SUBMISSION_PORT", "SMTPPLUS_SMTPS_PORT", "SMTPPLUS_WEBADMIN_PORT",
            "SMTPPLUS_PUBLIC_PORT")) {
            environment.putIfAbsent(port, String.valueOf(RelayProcess.freePort()));
        }
        Path output = home.resolve("launcher.out");
        Process process = RelayProcess.launcher(environment).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS))
                .as("the launcher exits by itself; its output:%n%s", Files.readString(output, StandardCharsets.UTF_8))
                .isTrue();
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).collect(Collectors.toList());
            return new Run(process.exitValue(), lines);
        } finally {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static final class Run {
        private final int exitStatus;
        private final List<String> lines;

        private Run(int exitStatus, List<String> lines) {
            this.exitStatus = exitStatus;
            this.lines = lines;
        }
    }
}
