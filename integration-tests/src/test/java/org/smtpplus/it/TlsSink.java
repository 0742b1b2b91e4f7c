package org.smtpplus.it;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An SMTP receiver independent of the relay and of GreenMail (which offers no STARTTLS): aiosmtpd, Debian's
 * {@code python3-aiosmtpd} that {@code .ci/run} installs, run by {@code /usr/bin/python3}, offering STARTTLS (RFC 3207)
 * with a self-signed certificate made by keytool for each test class, as a sender meets most next hops' certificates
 * (unverifiable). It records every message it accepts: whether the client had started TLS, its HELO/EHLO name, the
 * envelope and the content as received. A JUnit extension: register it before (a lower {@code @Order} than) the
 * {@link RelayExtension} whose {@code SMTPPLUS_GATEWAY} is {@link #address()}. Before each test its records are dropped
 * and it offers STARTTLS again; it stops after the test class.
 */
final class TlsSink implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);
    private static final int PORT_ATTEMPTS = 3;
    private static final String NO_STARTTLS = "no-starttls";
    private static final String MESSAGES = "messages";
    private static final String PASSWORD = "changeit";
    // Writes NNNNNN.eml (the DATA as received) and then NNNNNN.json (the rest) by rename, so that a .json's .eml is whole.
    // The STARTTLS offer is decided per connection (factory), from the NO_STARTTLS file the test creates or deletes.
    // It stops when its standard input closes: when the test JVM closes it or dies.
    private static final String SCRIPT = String.join("\n",
        "import json, os, ssl, sys",
        "from aiosmtpd.controller import Controller",
        "from aiosmtpd.smtp import SMTP",
        "directory, port = sys.argv[1], int(sys.argv[2])",
        "messages = os.path.join(directory, '" + MESSAGES + "')",
        "tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)",
        "tls.load_cert_chain(os.path.join(directory, 'cert.pem'), os.path.join(directory, 'key.pem'))",
        "class Recorder:",
        "    count = 0",
        "    async def handle_DATA(self, server, session, envelope):",
        "        Recorder.count += 1",
        "        name = os.path.join(messages, '%06d' % Recorder.count)",
        "        with open(name + '.eml', 'wb') as f:",
        "            f.write(envelope.original_content)",
        "        record = {'tls': session.ssl is not None, 'helo': session.host_name,",
        "                  'mailFrom': envelope.mail_from, 'recipients': envelope.rcpt_tos}",
        "        with open(name + '.tmp', 'w') as f:",
        "            json.dump(record, f)",
        "        os.rename(name + '.tmp', name + '.json')",
        "        return '250 OK'",
        "class Sink(Controller):",
        "    def factory(self):",
        "        offered = not os.path.exists(os.path.join(directory, '" + NO_STARTTLS + "'))",
        "        return SMTP(self.handler, tls_context=tls if offered else None, **self.SMTP_kwargs)",
        "sink = Sink(Recorder(), hostname='127.0.0.1', port=port, ready_timeout=" + START_TIMEOUT.toSeconds() + ")",
        "sink.start()",
        "print('ready', flush=True)",
        "sys.stdin.read()",
        "sink.stop()");

    /** One message as the sink accepted it. */
    static final class Delivery {
        private final boolean tls;
        private final String helo;
        private final String mailFrom;
        private final List<String> recipients;
        private final byte[] content;

        private Delivery(boolean tls, String helo, String mailFrom, List<String> recipients, byte[] content) {
            this.tls = tls;
            this.helo = helo;
            this.mailFrom = mailFrom;
            this.recipients = List.copyOf(recipients);
            this.content = content.clone();
        }

        /** Whether the client had issued STARTTLS and completed the handshake before DATA. */
        boolean tls() {
            return tls;
        }

        /** The name of the client's last HELO or EHLO. */
        String helo() {
            return helo;
        }

        String mailFrom() {
            return mailFrom;
        }

        List<String> recipients() {
            return recipients;
        }

        byte[] content() {
            return content.clone();
        }

        @Override
        public String toString() {
            return "TLS=" + tls + " HELO=" + helo + " FROM=" + mailFrom + " TO=" + recipients;
        }
    }

    private Path directory;
    private Process python;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        directory = Files.createTempDirectory("smtpplus-it-tls-sink-");
        Files.createDirectory(directory.resolve(MESSAGES));
        writeSelfSignedCertificate();
        for (int attempt = 1; python == null; attempt++) {
            try {
                start();
            } catch (IllegalStateException e) {
                // A free port is only known free until another process binds it: try another.
                if (attempt == PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        offerStartTls(true);
        try (Stream<Path> records = Files.list(directory.resolve(MESSAGES))) {
            for (Path record : records.collect(Collectors.toList())) {
                Files.delete(record);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (python != null) {
            python.getOutputStream().close();
            if (!python.waitFor(30, TimeUnit.SECONDS)) {
                python.destroyForcibly();
            }
        }
    }

    /** {@code host:port}, as SMTPPLUS_GATEWAY takes it. */
    String address() {
        return "127.0.0.1:" + port;
    }

    /** Whether the sink announces STARTTLS to the connections it accepts from now on (it does after each reset). */
    void offerStartTls(boolean offer) throws IOException {
        Path flag = directory.resolve(NO_STARTTLS);
        if (offer) {
            Files.deleteIfExists(flag);
        } else if (!Files.exists(flag)) {
            Files.createFile(flag);
        }
    }

    /** Waits until a message for {@code recipient} has arrived, and returns the first one. */
    Delivery awaitDeliveryTo(String recipient) {
        return await("a message to " + recipient + " at the TLS sink " + address() + " (the relay's log says why not)")
            .atMost(DELIVERY_TIMEOUT).pollInterval(Duration.ofMillis(200))
            .until(() -> deliveries().stream().filter(delivery -> delivery.recipients().contains(recipient)).findFirst(),
                Optional::isPresent)
            .get();
    }

    /** Every message accepted since the last reset, in order of arrival. */
    List<Delivery> deliveries() throws IOException {
        List<Path> records;
        try (Stream<Path> files = Files.list(directory.resolve(MESSAGES))) {
            records = files.filter(file -> file.getFileName().toString().endsWith(".json"))
                .sorted(Comparator.comparing(Path::toString))
                .collect(Collectors.toList());
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (Path record : records) {
            JsonNode json = new ObjectMapper().readTree(record.toFile());
            List<String> recipients = new ArrayList<>();
            json.get("recipients").forEach(recipient -> recipients.add(recipient.asText()));
            String name = record.getFileName().toString();
            byte[] content = Files.readAllBytes(record.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".eml"));
            deliveries.add(new Delivery(json.get("tls").asBoolean(), json.get("helo").textValue(), json.get("mailFrom").textValue(),
                recipients, content));
        }
        return deliveries;
    }

    private void start() throws IOException, InterruptedException {
        int candidate = RelayProcess.freePort();
        Path log = directory.resolve("sink-" + candidate + ".log");
        Process process = new ProcessBuilder(DkimVerifier.PYTHON, "-c", SCRIPT, directory.toString(), String.valueOf(candidate))
            .redirectError(log.toFile())
            .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> readLine(out)).get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            line = null;
        }
        if (!"ready".equals(line)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("The TLS sink (" + DkimVerifier.PYTHON + " with aiosmtpd: is python3-aiosmtpd installed?)"
                + " did not start on port " + candidate + ": " + Files.readString(log));
        }
        python = process;
        port = candidate;
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * cert.pem and key.pem for the sink: keytool (in every JDK) makes the key pair and its self-signed certificate in a
     * PKCS #12 keystore, which Python's ssl cannot read, so both are written out as PEM (RFC 7468) here.
     */
    private void writeSelfSignedCertificate() throws Exception {
        Path keystore = directory.resolve("sink.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "sink", "-keyalg", "RSA",
            "-keysize", "2048", "-validity", "2", "-dname", "CN=sink.test.example", "-storetype", "PKCS12",
            "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
            .redirectErrorStream(true)
            .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(keytool + " -genkeypair failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        writePem(directory.resolve("key.pem"), "PRIVATE KEY", store.getKey("sink", PASSWORD.toCharArray()).getEncoded());
        writePem(directory.resolve("cert.pem"), "CERTIFICATE", store.getCertificate("sink").getEncoded());
    }

    private static void writePem(Path file, String label, byte[] der) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("-----BEGIN " + label + "-----\n").getBytes(StandardCharsets.US_ASCII));
            out.write(Base64.getMimeEncoder(64, new byte[] {'\n'}).encode(der));
            out.write(("\n-----END " + label + "-----\n").getBytes(StandardCharsets.US_ASCII));
        }
    }
}
