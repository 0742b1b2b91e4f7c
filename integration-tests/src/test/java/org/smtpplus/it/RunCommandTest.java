package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./smtpplus run} as a new user runs it: it starts a relay on the default settings of
 * docs/configuration.md, creates account {@code demo} and prints its password, listens on nothing but the ports those
 * settings name, and stops on SIGTERM. Its console is a few lines, without warnings or colour codes, up to the ready
 * line, which names the file that has the full log.
 */
class RunCommandTest {
    private static final Pattern PASSWORD = Pattern.compile("created account 'demo' with password: (\\S+)");
    private static final String READY = "SMTP+ relay ready";
    // The banner, the demo account and the ready line, with some room for Maven's quiet build of a changed tree.
    private static final int MOST_CONSOLE_LINES = 15;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void runStartsARelayWithADemoAccount() throws Exception {
        Path root = Path.of(System.getProperty("smtpplus.repository.root", "..")).toAbsolutePath().normalize();
        Path home = Files.createTempDirectory("smtpplus-run-");
        int smtp = RelayProcess.freePort();
        int submission = RelayProcess.freePort();
        int smtps = RelayProcess.freePort();
        int webadmin = RelayProcess.freePort();
        int publicPort = RelayProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder(root.resolve("smtpplus").toString(), "run")
            .directory(root.toFile())
            .redirectErrorStream(true);
        builder.environment().put("SMTPPLUS_HOME", home.toString());
        builder.environment().put("SMTPPLUS_SMTP_PORT", String.valueOf(smtp));
        builder.environment().put("SMTPPLUS_SUBMISSION_PORT", String.valueOf(submission));
        builder.environment().put("SMTPPLUS_SMTPS_PORT", String.valueOf(smtps));
        builder.environment().put("SMTPPLUS_WEBADMIN_PORT", String.valueOf(webadmin));
        builder.environment().put("SMTPPLUS_PUBLIC_PORT", String.valueOf(publicPort));
        builder.environment().remove("SMTPPLUS_SECRET");
        Process process = builder.start();
        List<String> output = new ArrayList<>();
        try {
            String password = awaitReady(process, output);

            assertThat(output).as("the console up to the ready line").hasSizeLessThanOrEqualTo(MOST_CONSOLE_LINES)
                .noneMatch(line -> line.contains("WARN") || line.contains("ERROR"))
                .noneMatch(line -> line.contains("\u001B"));
            Path log = home.resolve("logs/james.log");
            assertThat(output.get(output.size() - 1)).contains(READY, "full log in " + log);
            assertThat(Files.readString(log, StandardCharsets.UTF_8))
                .contains("[INFO ] o.a.j.u.GuiceGenericLoader - Enabling injects contained in org.smtpplus.guice.SmtpPlusModule",
                    "SMTP Service bound to: 0.0.0.0:" + smtp, "JAMES server started")
                .doesNotContain("[WARN ]", "[ERROR]");

            try (SmtpClient client = SmtpClient.connect(smtp)) {
                client.ehlo();
                assertThat(client.authPlain("demo", password).code()).isEqualTo(235);
            }
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webadmin + "/healthcheck")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(listeningPorts(process.pid())).isSubsetOf(Set.of(smtp, submission, smtps, webadmin, publicPort))
                .contains(publicPort);
            HttpResponse<String> badLink = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + publicPort + "/u/not-a-token")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(badLink.statusCode()).isEqualTo(400);
            // No SMTPPLUS_SECRET: one is generated and kept in the home, readable by its owner only.
            assertThat(Files.getPosixFilePermissions(home.resolve("var/smtpplus-secret")))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
            assertThat(Files.isRegularFile(home.resolve("extensions-jars").resolve(
                "smtpplus-bundle-" + System.getProperty("smtpplus.version") + ".jar"))).isTrue();
            assertThat(Files.readString(home.resolve("conf/webadmin.properties"))).contains("host=127.0.0.1");
        } finally {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    // The console up to and including the ready line, into output; the demo account's password from it.
    private static String awaitReady(Process process, List<String> output) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String password = null;
        String line;
        while ((line = reader.readLine()) != null) {
            output.add(line);
            Matcher matcher = PASSWORD.matcher(line);
            if (matcher.find()) {
                password = matcher.group(1);
            }
            if (line.contains(READY)) {
                Thread drain = new Thread(() -> reader.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                if (password == null) {
                    throw new AssertionError("./smtpplus run was ready without creating the demo account:\n" + String.join("\n", output));
                }
                return password;
            }
        }
        throw new AssertionError("./smtpplus run ended before it was ready:\n" + String.join("\n", output));
    }

    // Listening TCP sockets of the process, from /proc: no tool needed.
    private static Set<Integer> listeningPorts(long pid) throws IOException {
        Set<String> inodes = new TreeSet<>();
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // The descriptor closed meanwhile.
                }
            });
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            // Read once: the table changes between two reads when other processes open sockets.
            List<String> rows = Files.readAllLines(Path.of(table));
            for (String row : rows.subList(1, rows.size())) {
                String[] columns = row.trim().split("\\s+");
                boolean listening = "0A".equals(columns[3]);
                if (listening && inodes.contains(columns[9])) {
                    ports.add(Integer.parseInt(columns[1].substring(columns[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }
}
