package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The public listener's own defences over real HTTP (docs/operator-guide.md, "The public listener"): a per-client
 * request limit answered with 429 and Retry-After, and the address it binds.
 */
class PublicListenerTest {
    private static final String NEWSLETTER = "{\"list\":\"newsletter\"}";
    // 3 requests a minute: a permit every 20 seconds, far more than the test takes between two requests.
    private static final int LIMIT = 3;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_BOUNCE_DOMAIN", Feedback.BOUNCE_DOMAIN)
        .withSetting("SMTPPLUS_PUBLIC_RATE_LIMIT", String.valueOf(LIMIT));

    @BeforeEach
    void account() {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
    }

    @Test
    void requestsBeyondTheLimitOfAnAddressAre429UntilItRefills() throws Exception {
        String within = Feedback.token(Feedback.sendAndReceive(RELAY, "shop", "within@example.com", NEWSLETTER));
        String beyond = Feedback.token(Feedback.sendAndReceive(RELAY, "shop", "beyond@example.com", NEWSLETTER));

        // Within the limit a one-click unsubscribes as ever; then garbage uses up what is left of it.
        assertThat(Feedback.oneClick(RELAY, within).statusCode()).isEqualTo(200);
        int answered = 1;
        HttpResponse<String> refused = Feedback.get(RELAY, "garbage");
        while (refused.statusCode() != 429 && answered < 10 * LIMIT) {
            assertThat(refused.statusCode()).isEqualTo(400);
            answered++;
            refused = Feedback.get(RELAY, "garbage");
        }
        assertThat(refused.statusCode()).as("after %d answered requests", answered).isEqualTo(429);
        assertThat(answered).as("the whole burst was answered").isGreaterThanOrEqualTo(LIMIT);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
            assertThat(Integer.parseInt(seconds)).isBetween(1, 60 / LIMIT));
        assertThat(refused.headers().firstValue("Content-Security-Policy"))
            .hasValue("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        assertThat(refused.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(refused.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(refused.body()).startsWith("<!DOCTYPE html>").contains("Too many requests");

        // A valid one-click beyond the limit is refused before anything is done for it.
        HttpResponse<String> limited = Feedback.oneClick(RELAY, beyond);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/beyond@example.com?list=newsletter").status()).isEqualTo(404);
        assertThat(Feedback.eventsOf(RELAY, "beyond@example.com", "unsubscribed")).isEmpty();
        assertThat(RELAY.relay().log()).contains("Refused a request from 127.0.0.1 beyond the public listener's per-client limit");

        // Retry-After says when the address may go on: waited out, the same one-click unsubscribes.
        Thread.sleep(1000L * Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow()));
        assertThat(Feedback.oneClick(RELAY, beyond).statusCode()).isEqualTo(200);
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/beyond@example.com?list=newsletter").status()).isEqualTo(200);
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/within@example.com?list=newsletter").status()).isEqualTo(200);
    }

    @Test
    void theListenerBindsTheAddressOfItsSettingOnly() throws Exception {
        // Linux routes all of 127.0.0.0/8 to the loopback interface; other systems may have 127.0.0.1 alone.
        assumeTrue(bindable("127.0.0.2"), "this host has no loopback address 127.0.0.2");

        try (RelayProcess relay = RelayProcess.start(Files.createTempDirectory("smtpplus-it-PublicListenerTest-bind-"),
            Map.of("SMTPPLUS_PUBLIC_BIND", "127.0.0.2"))) {
            assertThat(relay.publicUrl()).startsWith("http://127.0.0.2:");
            HttpResponse<String> reached = HTTP.send(HttpRequest.newBuilder(URI.create(relay.publicUrl() + "/u/garbage")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(reached.statusCode()).isEqualTo(400);

            assertThatThrownBy(() -> connect("127.0.0.1", relay.publicPort())).isInstanceOf(ConnectException.class);
            assertThat(relay.log()).contains("SMTP+ public HTTP listener started on 127.0.0.2 port " + relay.publicPort());
        }
    }

    private static boolean bindable(String address) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void connect(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
        }
    }
}
