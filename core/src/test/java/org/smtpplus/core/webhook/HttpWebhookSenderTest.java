package org.smtpplus.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class HttpWebhookSenderTest {
    private HttpServer server;
    private URI url;
    private final AtomicReference<String> received = new AtomicReference<>();
    private final AtomicReference<String> signature = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String answer = "";
    private volatile long delayMillis;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                + " " + exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
            signature.set(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (status == 302) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/in?x=1");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void a2xxAnswerIsASuccess() {
        status = 204;

        assertThat(new HttpWebhookSender().post(url, "t=1,v1=ab", "[{\"event\":\"sent\"}]")).isEmpty();
        assertThat(received.get()).isEqualTo("[{\"event\":\"sent\"}] POST application/json");
        assertThat(signature.get()).isEqualTo("t=1,v1=ab");
    }

    @Test
    void aRefusalGivesTheStatusAndTheStartOfTheAnswer() {
        status = 500;
        answer = "database down " + "x".repeat(1000);

        assertThat(new HttpWebhookSender().post(url, "t=1,v1=ab", "[]"))
            .hasValueSatisfying(error -> assertThat(error).startsWith("HTTP 500: database down xx").hasSize(210));
    }

    @Test
    void aRefusalWhoseBodyNeverEndsStillEnds() throws IOException {
        HttpServer stalling = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stalling.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, 0);
            exchange.getResponseBody().write("slow\r\nX-Forged: yes".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stalling.start();
        try {
            URI stalled = URI.create("http://127.0.0.1:" + stalling.getAddress().getPort() + "/");

            assertThat(new HttpWebhookSender(Duration.ofSeconds(1)).post(stalled, "t=1,v1=ab", "[]"))
                .contains("no answer within 1 seconds");
        } finally {
            stalling.stop(0);
        }
    }

    @Test
    void controlCharactersOfAnAnswerAreReplaced() {
        status = 500;
        answer = "bad\r\nX-Forged: yes";

        assertThat(new HttpWebhookSender().post(url, "t=1,v1=ab", "[]")).contains("HTTP 500: bad??X-Forged: yes");
    }

    @Test
    void aRedirectIsNotFollowed() {
        status = 302;

        assertThat(new HttpWebhookSender().post(url, "t=1,v1=ab", "[]")).contains("HTTP 302");
    }

    @Test
    void aSlowReceiverTimesOut() {
        delayMillis = 3000;

        assertThat(new HttpWebhookSender(Duration.ofSeconds(1)).post(url, "t=1,v1=ab", "[]")).contains("no answer within 1 seconds");
    }

    @Test
    void aClosedPortIsAFailure() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        assertThat(new HttpWebhookSender().post(URI.create("http://127.0.0.1:" + port + "/"), "t=1,v1=ab", "[]"))
            .hasValueSatisfying(error -> assertThat(error).startsWith("ConnectException"));
    }
}
