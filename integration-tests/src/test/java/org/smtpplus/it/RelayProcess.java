package org.smtpplus.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A relay started exactly as {@code ./smtpplus run} starts it: the launcher in its own JVM on the stock James 3.8.1
 * classpath, the packaged drop-in jar copied into SMTPPLUS_HOME/extensions-jars/, the shipped conf/.
 */
public final class RelayProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final int PORT_ATTEMPTS = 3;
    private static final String PORT_TAKEN = "Address already in use";
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    // The launcher's output, as ./smtpplus run shows it on the console.
    private static final String CONSOLE = "relay.log";
    // Where conf/logback.xml writes the full log, under SMTPPLUS_HOME.
    private static final String LOG = "logs/james.log";
    // What the readiness probe's own SMTP connections log: left out of a failure's log tail, which they would fill.
    private static final String PROBE_LINE = "Connection established from 127.0.0.1";
    /** A small heap and C1 only: a relay that starts quickly, for tests. */
    private static final List<String> TEST_JVM_OPTIONS = List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Path home;
    private final int smtpPort;
    private final int submissionPort;
    private final int smtpsPort;
    private final int webadminPort;
    private final String publicHost;
    private final int publicPort;
    private final Process process;

    private RelayProcess(Path home, int smtpPort, int submissionPort, int smtpsPort, int webadminPort, String publicHost,
                         int publicPort, Process process) {
        this.home = home;
        this.smtpPort = smtpPort;
        this.submissionPort = submissionPort;
        this.smtpsPort = smtpsPort;
        this.webadminPort = webadminPort;
        this.publicHost = publicHost;
        this.publicPort = publicPort;
        this.process = process;
    }

    static RelayProcess start(Path home, Map<String, String> settings) throws IOException, InterruptedException {
        return start(home, settings, TEST_JVM_OPTIONS);
    }

    /** A relay whose JVM gets {@code jvmOptions} instead of the tests' quick-start ones (the benchmarks use those of ./smtpplus run). */
    public static RelayProcess start(Path home, Map<String, String> settings, List<String> jvmOptions) throws IOException, InterruptedException {
        return start(home, settings, jvmOptions, Launch.SHIPPED);
    }

    /** A relay started with the tests' quick-start options, as {@code launch} changes it. */
    static RelayProcess start(Path home, Map<String, String> settings, Launch launch) throws IOException, InterruptedException {
        return start(home, settings, TEST_JVM_OPTIONS, launch);
    }

    private static RelayProcess start(Path home, Map<String, String> settings, List<String> jvmOptions, Launch launch)
        throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(home, settings, jvmOptions, launch);
            } catch (PortTakenException e) {
                // A free port is only known free until another process binds it: start again on other ports.
                if (attempt == PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * A relay with {@code jvmOptions}, started on {@code conf} (as {@link #editedConf} makes it) instead of the shipped
     * conf/: what the benchmarks use to measure a pipeline with a step left out.
     */
    public static RelayProcess start(Path home, Map<String, String> settings, List<String> jvmOptions, Path conf)
        throws IOException, InterruptedException {
        return start(home, settings, jvmOptions, new Launch(Optional.of(conf), List.of()));
    }

    /**
     * A copy of the shipped conf/ in a new temporary directory named after {@code name}, with each of {@code edits}'
     * files (by name) changed by its {text, replacement} pairs in turn.
     *
     * @throws IllegalStateException when a file does not have the text an edit replaces
     */
    public static Path editedConf(String name, Map<String, List<String[]>> edits) throws IOException {
        Path shipped = repositoryRoot().resolve("conf");
        Path conf = Files.createTempDirectory("smtpplus-it-conf-" + name + "-");
        try (Stream<Path> files = Files.list(shipped)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Files.copy(file, conf.resolve(file.getFileName()));
            }
        }
        for (Map.Entry<String, List<String[]>> fileEdits : edits.entrySet()) {
            Path file = conf.resolve(fileEdits.getKey());
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (String[] edit : fileEdits.getValue()) {
                if (!text.contains(edit[0])) {
                    throw new IllegalStateException("conf/" + fileEdits.getKey() + " has no " + edit[0]);
                }
                text = text.replace(edit[0], edit[1]);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        return conf;
    }

    /** Another process bound one of the relay's ports between their choice and the relay's start. */
    private static final class PortTakenException extends IllegalStateException {
        private PortTakenException(String message) {
            super(message);
        }
    }

    /**
     * The launcher's JVM as ./smtpplus run starts it, with the tests' quick-start options and no SMTPPLUS_* variable
     * but {@code environment}'s; its output is the caller's to redirect.
     */
    static ProcessBuilder launcher(Map<String, String> environment) throws IOException {
        return launcher(environment, TEST_JVM_OPTIONS, Launch.SHIPPED);
    }

    /**
     * What a test changes in how the relay's JVM starts, both off by default: another conf/ to copy into SMTPPLUS_HOME
     * than the repository's, and Guice modules overriding James's bindings (the launcher's test hook,
     * {@code smtpplus.test.guice.modules}), loaded from this module's test classes.
     */
    static final class Launch {
        static final Launch SHIPPED = new Launch(Optional.empty(), List.of());

        private final Optional<Path> confSource;
        private final List<String> guiceModules;

        Launch(Optional<Path> confSource, List<String> guiceModules) {
            this.confSource = confSource;
            this.guiceModules = List.copyOf(guiceModules);
        }
    }

    private static ProcessBuilder launcher(Map<String, String> environment, List<String> jvmOptions, Launch launch) throws IOException {
        Path root = repositoryRoot();
        String version = System.getProperty("smtpplus.version");
        Path launcherJar = root.resolve("launcher/target/smtpplus-launcher-" + version + ".jar");
        Path jamesClasspath = root.resolve("launcher/target/james.classpath");
        Path bundleJar = root.resolve("bundle/target/smtpplus-bundle-" + version + ".jar");
        for (Path required : List.of(launcherJar, jamesClasspath, bundleJar)) {
            if (!Files.isRegularFile(required)) {
                throw new IllegalStateException(required + " is missing: run the tests with mvn verify from the repository root");
            }
        }
        String classpath = launcherJar + ":" + Files.readString(jamesClasspath).trim();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (!launch.guiceModules.isEmpty()) {
            command.add("-Dsmtpplus.test.guice.modules=" + String.join(",", launch.guiceModules));
            // after James's jars: the modules' classes only, James's own classes come first
            classpath = classpath + ":" + testClasses();
        }
        command.addAll(List.of(
            "-Dsmtpplus.conf.source=" + launch.confSource.orElse(root.resolve("conf")),
            "-Dsmtpplus.bundle.jar=" + bundleJar,
            "-cp", classpath,
            "org.smtpplus.launcher.SmtpPlusLauncher"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("SMTPPLUS_"));
        builder.environment().putAll(environment);
        return builder;
    }

    /** The repository the relay is built from: its conf/ is the one the relay copies into SMTPPLUS_HOME. */
    public static Path repositoryRoot() {
        return Path.of(System.getProperty("smtpplus.repository.root", "..")).toAbsolutePath().normalize();
    }

    // This module's compiled test classes, where the override modules are.
    private static Path testClasses() {
        try {
            return Path.of(RelayProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RelayProcess startOnce(Path home, Map<String, String> settings, List<String> jvmOptions, Launch launch)
        throws IOException, InterruptedException {
        int smtpPort = freePort();
        int submissionPort = freePort();
        int smtpsPort = freePort();
        int webadminPort = freePort();
        int publicPort = freePort();
        String publicHost = publicHost(settings);
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("SMTPPLUS_HOME", home.toString());
        environment.put("SMTPPLUS_SMTP_PORT", String.valueOf(smtpPort));
        environment.put("SMTPPLUS_SUBMISSION_PORT", String.valueOf(submissionPort));
        environment.put("SMTPPLUS_SMTPS_PORT", String.valueOf(smtpsPort));
        environment.put("SMTPPLUS_WEBADMIN_PORT", String.valueOf(webadminPort));
        environment.put("SMTPPLUS_PUBLIC_PORT", String.valueOf(publicPort));
        environment.putIfAbsent("SMTPPLUS_PUBLIC_URL", "http://" + urlHost(publicHost) + ":" + publicPort);

        Files.createDirectories(home);
        ProcessBuilder builder = launcher(environment, jvmOptions, launch)
            .redirectErrorStream(true)
            .redirectOutput(home.resolve(CONSOLE).toFile());
        RelayProcess relay = new RelayProcess(home, smtpPort, submissionPort, smtpsPort, webadminPort, publicHost, publicPort,
            builder.start());
        relay.awaitReady();
        return relay;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (console().contains(PORT_TAKEN)) {
                close();
                throw new PortTakenException("A port of the relay was taken:\n" + logTail());
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The relay exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (healthy(http) && accepts("127.0.0.1", smtpPort) && accepts(publicHost, publicPort) && console().contains("SMTP+ relay ready")) {
                return;
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("The relay was not ready within " + START_TIMEOUT + ":\n" + logTail());
    }

    private boolean healthy(HttpClient http) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(webadmin() + "/healthcheck")).build(),
                HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // Where the public listener is reached: the address of SMTPPLUS_PUBLIC_BIND, or the loopback address when it
    // binds every interface.
    private static String publicHost(Map<String, String> settings) {
        String bind = settings.getOrDefault("SMTPPLUS_PUBLIC_BIND", "").trim();
        return bind.isEmpty() || bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    }

    // RFC 3986 section 3.2.2: an IPv6 address is written in brackets in a URL.
    private static String urlHost(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }

    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port nothing listens on now and that this JVM has not handed out before. The kernel may give a just-closed
     * ephemeral port again to the next bind, so two calls in a row can return the same port (CI once started stock
     * James with its SMTP and submission listeners on one port); remembering what was handed out prevents that.
     */
    public static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
    }

    /** What the launcher printed, with James's warnings and errors: the console of ./smtpplus run. */
    String console() throws IOException {
        return Files.readString(home.resolve(CONSOLE), StandardCharsets.UTF_8);
    }

    /** The relay's full log, every line James and SMTP+ logged (conf/logback.xml's file); the console's own lines are not in it. */
    String log() throws IOException {
        return Files.readString(home.resolve(LOG), StandardCharsets.UTF_8);
    }

    // The console whole (a few lines, or one error), then the end of the full log.
    private String logTail() {
        StringBuilder tail = new StringBuilder();
        for (String file : List.of(CONSOLE, LOG)) {
            try {
                String text = Files.readString(home.resolve(file), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.contains(PROBE_LINE)).collect(Collectors.joining("\n"));
                tail.append("--- ").append(home.resolve(file)).append(":\n").append(text.substring(Math.max(0, text.length() - 8000)))
                    .append('\n');
            } catch (IOException e) {
                tail.append("--- ").append(home.resolve(file)).append(": none (").append(e).append(")\n");
            }
        }
        return tail.toString();
    }

    Path home() {
        return home;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int submissionPort() {
        return submissionPort;
    }

    int smtpsPort() {
        return smtpsPort;
    }

    int webadminPort() {
        return webadminPort;
    }

    /** The public listener (unsubscribe pages), as SMTPPLUS_PUBLIC_URL names it unless a test set another. */
    public String publicUrl() {
        return "http://" + urlHost(publicHost) + ":" + publicPort;
    }

    int publicPort() {
        return publicPort;
    }

    public String webadmin() {
        return "http://127.0.0.1:" + webadminPort;
    }

    /** The relay JVM's process id (the benchmarks read its CPU time and memory in /proc). */
    public long pid() {
        return process.pid();
    }

    /** kill -9: the JVM gets SIGKILL (what Process.destroyForcibly sends on Linux) and ends without running any code. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
