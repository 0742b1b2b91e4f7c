package org.smtpplus.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.smtpplus.core.event.MemoryEventStore;
import org.smtpplus.core.feedback.TokenEventContexts;
import org.smtpplus.core.feedback.Unsubscriber;
import org.smtpplus.core.settings.InvalidSettingException;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.backend.MemoryStore;
import org.smtpplus.core.token.RecipientToken;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.core.token.TokenAddresses;
import org.smtpplus.core.tracking.EngagementRecorder;

import com.google.common.base.Ticker;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PublicHttpListenerTest {
    private final RecipientTokens tokens = new RecipientTokens("9ec6cb086b3f3c12d008994d72ca58a97436cb681e7ba8c9e543f8c43ce658bd",
        new TokenAddresses("bounces.example", domain -> false), URI.create("http://localhost:8090"));
    private final MemoryStore store = new MemoryStore();
    private final MemoryEventStore events = new MemoryEventStore();
    private final Unsubscriber unsubscriber = new Unsubscriber(store.subscribers(), store.suppressions(), events,
        new TokenEventContexts(events), Clock.systemUTC());
    private final EngagementRecorder engagements = new EngagementRecorder(events, events, Clock.systemUTC(), Runnable::run,
        Ticker.systemTicker());

    @Test
    void servesTheOneClickEndpointOnThePublicPort() throws Exception {
        int port = freePort();
        new PublicHttpListener(settings(port), tokens, unsubscriber, engagements).start();
        String token = tokens.issueUnsubscribe(new RecipientToken("shop", "customers", "<m@shop.example>", "jane@example.com", Instant.now()));

        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/u/" + token))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(store.suppressions().get("jane@example.com", Optional.of("customers"))).isPresent();
    }

    @Test
    void failsNamingThePortAndItsSettingWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            int port = taken.getLocalPort();
            PublicHttpListener listener = new PublicHttpListener(settings(port), tokens, unsubscriber, engagements);

            assertThatThrownBy(listener::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("port " + port)
                .hasMessageContaining(SmtpPlusSettings.PUBLIC_PORT);
        }
    }

    @Test
    void failsNamingTheAddressAndItsSettingWhenTheAddressIsNotOfThisHost() throws Exception {
        int port = freePort();
        // 192.0.2.0/24 is for documentation (RFC 5737): no interface of this host has it.
        SmtpPlusSettings settings = SmtpPlusSettings.from(key -> Optional.ofNullable(
            Map.of(SmtpPlusSettings.PUBLIC_PORT, String.valueOf(port), SmtpPlusSettings.PUBLIC_BIND, "192.0.2.1").get(key)));
        PublicHttpListener listener = new PublicHttpListener(settings, tokens, unsubscriber, engagements);

        assertThatThrownBy(listener::start)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("address 192.0.2.1 port " + port)
            .hasMessageContaining(SmtpPlusSettings.PUBLIC_BIND);
    }

    private static SmtpPlusSettings settings(int port) throws InvalidSettingException {
        return SmtpPlusSettings.from(key -> key.equals(SmtpPlusSettings.PUBLIC_PORT) ? Optional.of(String.valueOf(port)) : Optional.empty());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
