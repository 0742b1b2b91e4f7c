package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Without SMTPPLUS_PUBLIC_URL the links written into mail name the public listener on this host on the port
 * SMTPPLUS_PUBLIC_PORT gives it (the tests' relays listen on a free port, never 8090), and the ready line says so.
 */
class PublicUrlDefaultTest {
    private static final String NEWSLETTER = "{\"list\":\"newsletter\"}";

    // Empty, as unset: RelayProcess would otherwise name its own public URL.
    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_BOUNCE_DOMAIN", Feedback.BOUNCE_DOMAIN)
        .withSetting("SMTPPLUS_PUBLIC_URL", "");

    @Test
    void unsubscribeLinksNameThePublicPort() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        String base = "http://localhost:" + RELAY.relay().publicPort();

        ReceivedMessage copy = Feedback.sendAndReceive(RELAY, "shop", "links@example.com", NEWSLETTER);

        String token = Feedback.token(copy);
        assertThat(copy.header("List-Unsubscribe").orElseThrow()).contains("<" + base + "/u/" + token + ">");
        assertThat(copy.text("text/plain")).contains("Leave: " + base + "/u/" + token);
        HttpResponse<String> page = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(base + "/u/" + token)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(RELAY.relay().console()).contains("SMTP+ relay ready", "links in mail " + base);
    }
}
