package org.smtpplus.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.smtpplus.it.RelayProcess;

/**
 * Stock Apache James 3.8.1, the server SMTP+ extends, as its own documentation starts it: {@code MemoryJamesServerMain}
 * in a JVM of its own on James's jars from Maven Central (the classpath the launcher resolves,
 * launcher/target/james.classpath: james-server-memory-app 3.8.1 and its dependencies, plus James's ActiveMQ queue jars
 * that the memory app's modules never load), with James's own sample configuration kept in
 * src/test/resources/org/smtpplus/bench/stock-james/ (its README lists the few changes: the next hop, ports, JMAP and
 * JMX off). No SMTP+ class is on its classpath.
 */
final class StockJames implements AutoCloseable {
    static final Path CONFIGURATION = RelayProcess.repositoryRoot()
        .resolve("integration-tests/src/test/resources/org/smtpplus/bench/stock-james");
    // The sample's keystore password (smtpserver.xml, imapserver.xml, jmap.properties).
    private static final String KEYSTORE_SECRET = "james72laBalle";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path home;
    private final Process process;
    private final int smtpPort;
    private final int submissionPort;
    private final int webadminPort;

    private StockJames(Path home, Process process, int smtpPort, int submissionPort, int webadminPort) {
        this.home = home;
        this.process = process;
        this.smtpPort = smtpPort;
        this.submissionPort = submissionPort;
        this.webadminPort = webadminPort;
    }

    /** Starts James in {@code home} (an empty directory), delivering everything to 127.0.0.1:{@code gatewayPort}. */
    static StockJames start(Path home, int gatewayPort, List<String> jvmOptions) throws IOException, InterruptedException {
        Path conf = Files.createDirectories(home.resolve("conf"));
        try (Stream<Path> files = Files.list(CONFIGURATION)) {
            for (Path file : (Iterable<Path>) files.filter(file -> !file.getFileName().toString().equals("README.md"))::iterator) {
                Files.copy(file, conf.resolve(file.getFileName()));
            }
        }
        keystore(conf.resolve("keystore"));
        int smtpPort = RelayProcess.freePort();
        int submissionPort = RelayProcess.freePort();
        int webadminPort = RelayProcess.freePort();

        List<String> command = new ArrayList<>();
        command.add(java("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
            "-Dworking.directory=" + home + "/",
            "-Dlogback.configurationFile=" + conf.resolve("logback.xml"),
            "-Dextra.props=" + conf.resolve("jvm.properties"),
            "-cp", jamesClasspath(),
            "org.apache.james.MemoryJamesServerMain"));
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("console.log").toFile());
        builder.environment().put("STOCK_JAMES_SMTP_PORT", String.valueOf(smtpPort));
        builder.environment().put("STOCK_JAMES_SUBMISSION_PORT", String.valueOf(submissionPort));
        builder.environment().put("STOCK_JAMES_SMTPS_PORT", String.valueOf(RelayProcess.freePort()));
        builder.environment().put("STOCK_JAMES_IMAP_PORT", String.valueOf(RelayProcess.freePort()));
        builder.environment().put("STOCK_JAMES_IMAPS_PORT", String.valueOf(RelayProcess.freePort()));
        builder.environment().put("STOCK_JAMES_WEBADMIN_PORT", String.valueOf(webadminPort));
        builder.environment().put("STOCK_JAMES_GATEWAY_PORT", String.valueOf(gatewayPort));
        Process process = builder.start();
        KillOnExit.register(process.pid());
        StockJames james = new StockJames(home, process, smtpPort, submissionPort, webadminPort);
        try {
            james.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            james.close();
            throw e;
        }
        return james;
    }

    /** Port 25 of the sample: no AUTH offered; 127.0.0.0/8 is its authorized network, which may relay. */
    int smtpPort() {
        return smtpPort;
    }

    /** Port 587 of the sample: STARTTLS, then AUTH required (requireSSL). */
    int submissionPort() {
        return submissionPort;
    }

    long pid() {
        return process.pid();
    }

    /** A James user, through WebAdmin ({@code PUT /users/NAME}); James has virtual hosting on, so NAME is user@domain. */
    void createUser(String name, String password) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(webadmin() + "/users/" + name))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + password + "\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("PUT /users/" + name + " answered " + response.statusCode() + " " + response.body());
        }
    }

    private String webadmin() {
        return "http://127.0.0.1:" + webadminPort;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Stock James exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (healthy(http) && accepts(smtpPort) && accepts(submissionPort)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Stock James was not ready within " + START_TIMEOUT + ":\n" + logTail());
    }

    private boolean healthy(HttpClient http) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(webadmin() + "/healthcheck")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String logTail() {
        StringBuilder tail = new StringBuilder();
        for (Path file : List.of(home.resolve("console.log"), home.resolve("logs/james.log"))) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                tail.append("--- ").append(file).append(":\n").append(text.substring(Math.max(0, text.length() - 6000))).append('\n');
            } catch (IOException e) {
                tail.append("--- ").append(file).append(": none (").append(e).append(")\n");
            }
        }
        return tail.toString();
    }

    // The sample's TLS servers (465, 587's STARTTLS, IMAP) need conf/keystore, which James does not ship.
    private static void keystore(Path keystore) throws IOException, InterruptedException {
        Process keytool = new ProcessBuilder(java("keytool"), "-genkeypair", "-alias", "james", "-keyalg", "RSA",
            "-keysize", "2048", "-validity", "30", "-dname", "CN=localhost", "-storetype", "PKCS12",
            "-keystore", keystore.toString(), "-storepass", KEYSTORE_SECRET, "-keypass", KEYSTORE_SECRET)
            .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool could not write " + keystore + ": " + output);
        }
    }

    private static String java(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }

    private static String jamesClasspath() throws IOException {
        Path classpath = RelayProcess.repositoryRoot().resolve("launcher/target/james.classpath");
        if (!Files.isRegularFile(classpath)) {
            throw new IllegalStateException(classpath + " is missing: run the benchmarks with ./smtpplus bench or mvn verify from the repository root");
        }
        return Files.readString(classpath).trim();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        KillOnExit.unregister(process.pid());
    }
}
