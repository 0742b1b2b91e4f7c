package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.testing.cassandra.CassandraExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.io.BaseEncoding;
import com.sun.net.httpserver.HttpServer;

/**
 * Event webhooks (docs/webhooks.md) over real SMTP and HTTP, with the Cassandra store: a receiver started here gets
 * every event once, signed, in order, after an outage of a minute during which the relay restarts, and once from two
 * nodes sharing the store; the signature verifies with the Python and Node snippets of the docs, run by the machine's
 * python3 and node.
 */
class WebhookTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SECRET = "3f1c9a7be2d54c6f8a0b1e2d3c4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5";

    @RegisterExtension
    @Order(1)
    static final CassandraExtension CASSANDRA = new CassandraExtension();

    @RegisterExtension
    @Order(2)
    static final RelayExtension RELAY = new RelayExtension().withCassandraStore(CASSANDRA, "it_webhooks");

    /** A sender's receiver: answers 200 to every POST and keeps each one's signature header and body. */
    private static final class Receiver implements AutoCloseable {
        private final int port;
        private final List<String[]> posts = new CopyOnWriteArrayList<>();
        private HttpServer server;

        private Receiver(int port) {
            this.port = port;
        }

        void start() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/hooks", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                posts.add(new String[] {exchange.getRequestHeaders().getFirst("X-SmtpPlus-Signature"), body});
                exchange.sendResponseHeaders(200, -1);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.flush();
                }
            });
            server.start();
        }

        void stop() {
            server.stop(0);
        }

        String url() {
            return "http://127.0.0.1:" + port + "/hooks?source=smtpplus";
        }

        /** Every event received, in the order received. */
        List<JsonNode> events() throws IOException {
            List<JsonNode> events = new ArrayList<>();
            for (String[] post : posts) {
                MAPPER.readTree(post[1]).forEach(events::add);
            }
            return events;
        }

        @Override
        public void close() {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    private Receiver receiver;
    // a webhook of its own for each test, so that no event of a test reaches another's
    private String webhook;

    @BeforeEach
    void setUp(TestInfo test) throws IOException {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        receiver = new Receiver(RelayProcess.freePort());
        receiver.start();
        webhook = "/smtpplus/webhooks/" + test.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        RELAY.webAdmin().delete(webhook);
    }

    private void register(String events) {
        WebAdminClient.Response put = RELAY.webAdmin().put(webhook, "{\"account\":\"shop\",\"url\":\""
            + receiver.url() + "\",\"events\":" + events + ",\"secret\":\"" + SECRET + "\"}");
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
    }

    private static void send(String batch, int recipients) throws Exception {
        send(RELAY.relay(), batch, recipients);
    }

    private static void send(RelayProcess relay, String batch, int recipients) throws Exception {
        try (SmtpClient client = SmtpClient.connect(relay.smtpPort())) {
            client.ehlo();
            assertThat(client.authPlain("shop", "s3cret").code()).isEqualTo(235);
            for (int i = 0; i < recipients; i++) {
                String recipient = batch + i + "@example.com";
                SmtpClient.Reply reply = client.send("app@shop.example", List.of(recipient),
                    Messages.withDirective("{\"customId\":\"" + batch + "\"}",
                        Messages.simple("app@shop.example", recipient, "Hello " + batch, "body")).getBytes(StandardCharsets.UTF_8));
                assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
            }
        }
    }

    @Test
    void everyEventArrivesOnceSignedAndInOrderAcrossAnOutageAndARestart() throws Exception {
        register("[]");
        send("before", 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(receiver.events()).hasSize(4));
        // stopped once the relay has the receiver's answer: stopped before, the batch would rightly come again
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode view = RELAY.webAdmin().get(webhook).json();
            assertThat(view.get("lastSuccessAt").isNull()).as(view.toString()).isFalse();
            assertThat(view.get("backlog").asLong()).as(view.toString()).isZero();
        });

        receiver.stop();
        Instant outage = Instant.now();
        send("during", 2);
        RELAY.awaitDelivered(4, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode view = RELAY.webAdmin().get(webhook).json();
            assertThat(view.get("lastFailure").isObject()).as(view.toString()).isTrue();
            assertThat(view.get("lastFailure").get("error").asText()).startsWith("ConnectException");
            assertThat(view.get("backlog").asLong()).isEqualTo(4);
        });
        RELAY.restart();
        send("after-restart", 2);
        RELAY.awaitDelivered(6, Duration.ofSeconds(30));
        long left = Duration.ofSeconds(60).minus(Duration.between(outage, Instant.now())).toMillis();
        if (left > 0) {
            TimeUnit.MILLISECONDS.sleep(left);
        }
        receiver.start();

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(receiver.events()).hasSize(12));
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
            .untilAsserted(() -> assertThat(receiver.events()).hasSize(12));
        List<JsonNode> events = receiver.events();
        assertThat(events.stream().map(event -> event.get("id").asText()).collect(Collectors.toSet())).hasSize(12);
        assertThat(events).allSatisfy(event -> assertThat(event.get("account").asText()).isEqualTo("shop"));
        // in order: each copy's accepted before its sent, and each batch's events after the earlier batch's
        List<String> order = events.stream().map(event -> event.get("customId").asText() + " " + event.get("recipient").asText()
            + " " + event.get("event").asText()).collect(Collectors.toList());
        for (String batch : List.of("before", "during", "after-restart")) {
            for (int i = 0; i < 2; i++) {
                String copy = batch + " " + batch + i + "@example.com";
                assertThat(order.indexOf(copy + " accepted")).as(order.toString()).isNotNegative()
                    .isLessThan(order.indexOf(copy + " sent"));
            }
        }
        assertThat(lastIndexOf(order, "before")).as(order.toString()).isLessThan(firstIndexOf(order, "during"));
        assertThat(lastIndexOf(order, "during")).as(order.toString()).isLessThan(firstIndexOf(order, "after-restart"));
        for (String[] post : receiver.posts) {
            assertSigned(post[0], post[1]);
        }
        JsonNode view = RELAY.webAdmin().get(webhook).json();
        assertThat(view.get("backlog").asLong()).isZero();
        assertThat(view.get("lastSuccessAt").isNull()).isFalse();
        assertThat(view.has("secret")).isFalse();
    }

    @Test
    void twoNodesOnOneCassandraPostEachEventOnce() throws Exception {
        RelayProcess second = RELAY.startOtherNode();
        try {
            register("[]");

            send(RELAY.relay(), "first-node", 3);
            send(second, "second-node", 3);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(receiver.events()).hasSize(12));
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .untilAsserted(() -> assertThat(receiver.events()).hasSize(12));
            assertThat(receiver.events().stream().map(event -> event.get("id").asText()).collect(Collectors.toSet())).hasSize(12);
        } finally {
            // the other tests are about one node
            second.close();
        }
    }

    @Test
    void aWebhookGetsOnlyTheEventTypesItAsksFor() throws Exception {
        register("[\"sent\"]");

        send("typed", 2);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(receiver.events()).hasSize(2));
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
            .untilAsserted(() -> assertThat(receiver.events()).hasSize(2));
        assertThat(receiver.events()).allSatisfy(event -> assertThat(event.get("event").asText()).isEqualTo("sent"));
    }

    @Test
    void theDocsSnippetsVerifyTheSignatureAndRefuseATamperedBody() throws Exception {
        register("[]");
        send("snippets", 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(receiver.posts).isNotEmpty());
        String[] post = receiver.posts.get(0);
        assertThat(post[1]).contains("snippets0@example.com");
        Path dir = Files.createTempDirectory("webhook-snippets");
        Path body = Files.writeString(dir.resolve("body.json"), post[1]);
        Path tampered = Files.writeString(dir.resolve("tampered.json"), post[1].replace("snippets0@example.com", "snippets1@example.com"));
        String docs = Files.readString(RelayProcess.repositoryRoot().resolve("docs/webhooks.md"));
        Path python = Files.writeString(dir.resolve("verify.py"), snippet(docs, "python")
            + "\nimport sys\nprint(verify(sys.argv[1], sys.argv[2], open(sys.argv[3], 'rb').read()))\n");
        Path node = Files.writeString(dir.resolve("verify.js"), snippet(docs, "js")
            + "\nconsole.log(verify(process.argv[2], process.argv[3], require('fs').readFileSync(process.argv[4])));\n");

        assertThat(run("/usr/bin/python3", python, post[0], body)).isEqualTo("True");
        assertThat(run("/usr/bin/python3", python, post[0], tampered)).isEqualTo("False");
        assertThat(run("node", node, post[0], body)).isEqualTo("true");
        assertThat(run("node", node, post[0], tampered)).isEqualTo("false");
    }

    private static String snippet(String docs, String language) {
        String fence = "```" + language + "\n";
        int start = docs.indexOf(fence);
        assertThat(start).as("a ```" + language + " block in docs/webhooks.md").isNotNegative();
        return docs.substring(start + fence.length(), docs.indexOf("```", start + fence.length()));
    }

    private static String run(String interpreter, Path script, String header, Path body) throws Exception {
        Process process = new ProcessBuilder(interpreter, script.toString(), SECRET, header, body.toString())
            .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static int firstIndexOf(List<String> order, String batch) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).startsWith(batch + " ")) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<String> order, String batch) {
        for (int i = order.size() - 1; i >= 0; i--) {
            if (order.get(i).startsWith(batch + " ")) {
                return i;
            }
        }
        return -1;
    }

    /** Verified here with the JDK's HMAC, independently of the relay's code. */
    private static void assertSigned(String header, String body) throws Exception {
        assertThat(header).matches("t=[0-9]+,v1=[0-9a-f]{64}");
        String timestamp = header.substring(2, header.indexOf(','));
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(600);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = BaseEncoding.base16().lowerCase().encode(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        assertThat(header.substring(header.indexOf("v1=") + 3)).isEqualTo(expected);
    }
}
