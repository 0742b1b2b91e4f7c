package org.smtpplus.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.webhook.MemoryWebhookOutbox;
import org.smtpplus.core.webhook.MemoryWebhookRepository;
import org.smtpplus.core.webhook.RecentWebhooks;
import org.smtpplus.core.webhook.WebhookRepository;
import org.smtpplus.core.webhook.WebhookStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Ticker;

import spark.Service;

class WebhookRoutesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SECRET = "8c5d1b2c0f7e4a3b9d6e1f0a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e";
    private static final String SHOP = "{\"account\":\"shop\",\"url\":\"https://hooks.example.com/in\",\"events\":[\"bounced\",\"clicked\"],"
        + "\"secret\":\"" + SECRET + "\"}";

    private final HttpClient client = HttpClient.newHttpClient();
    private final StoreOutage<WebhookRepository> repository = StoreOutage.of(WebhookRepository.class, new MemoryWebhookRepository());
    private final MemoryWebhookOutbox outbox = new MemoryWebhookOutbox(Clock.systemUTC());
    private final RecentWebhooks webhooks = new RecentWebhooks(repository.port(), Ticker.systemTicker());
    private Service service;
    private String base;

    @BeforeEach
    void listen() {
        service = Service.ignite().ipAddress("127.0.0.1").port(0);
        new WebhookRoutes(webhooks, outbox).define(service);
        service.awaitInitialization();
        base = "http://127.0.0.1:" + service.port();
    }

    @AfterEach
    void stop() {
        service.stop();
        service.awaitStop();
    }

    @Test
    void aPutWebhookIsReadBackWithoutItsSecretAndListed() throws Exception {
        HttpResponse<String> created = send("PUT", "/smtpplus/webhooks/shop-events", SHOP);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode expected = MAPPER.readTree("{\"id\":\"shop-events\",\"account\":\"shop\",\"url\":\"https://hooks.example.com/in\","
            + "\"events\":[\"bounced\",\"clicked\"],\"lastSuccessAt\":null,\"lastFailure\":null,\"failingSince\":null,\"backlog\":0,\"dropped\":0}");
        assertThat(MAPPER.readTree(created.body())).isEqualTo(expected);
        assertThat(MAPPER.readTree(send("GET", "/smtpplus/webhooks/shop-events", null).body())).isEqualTo(expected);
        assertThat(MAPPER.readTree(send("GET", "/smtpplus/webhooks", null).body())).isEqualTo(MAPPER.createArrayNode().add(expected));
        assertThat(webhooks.known().get()).hasSize(1);
    }

    @Test
    void theViewShowsTheDeliveryStatusAndBacklog() throws Exception {
        send("PUT", "/smtpplus/webhooks/shop-events", SHOP);
        outbox.append("shop-events", List.of("{}", "{}"));
        repository.working().saveStatus("shop-events", WebhookStatus.NEW.succeeded(Instant.parse("2026-12-07T10:00:00Z"))
            .failed(Instant.parse("2026-12-07T10:01:00Z"), "HTTP 500: down"));

        JsonNode view = MAPPER.readTree(send("GET", "/smtpplus/webhooks/shop-events", null).body());

        assertThat(view.get("lastSuccessAt").asText()).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(view.get("lastFailure")).isEqualTo(MAPPER.readTree("{\"at\":\"2026-12-07T10:01:00Z\",\"error\":\"HTTP 500: down\"}"));
        assertThat(view.get("backlog").asLong()).isEqualTo(2);
    }

    @Test
    void aSecondPutReplacesTheWebhook() throws Exception {
        send("PUT", "/smtpplus/webhooks/shop-events", SHOP);

        HttpResponse<String> replaced = send("PUT", "/smtpplus/webhooks/shop-events",
            "{\"url\":\"https://elsewhere.example/\",\"secret\":\"" + SECRET + "\"}");

        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(repository.working().get("shop-events").get().account()).isEmpty();
        assertThat(repository.working().get("shop-events").get().events()).isEmpty();
    }

    @Test
    void badBodiesAre400sNamingTheField() throws Exception {
        HttpResponse<String> badUrl = send("PUT", "/smtpplus/webhooks/a", "{\"url\":\"javascript:alert(1)\",\"secret\":\"" + SECRET + "\"}");
        HttpResponse<String> weakSecret = send("PUT", "/smtpplus/webhooks/a", "{\"url\":\"https://h.example/\",\"secret\":\"letmein\"}");
        HttpResponse<String> badEvent = send("PUT", "/smtpplus/webhooks/a",
            "{\"url\":\"https://h.example/\",\"secret\":\"" + SECRET + "\",\"events\":[\"delivered\"]}");
        HttpResponse<String> badId = send("PUT", "/smtpplus/webhooks/a%20b", SHOP);

        assertThat(badUrl.statusCode()).isEqualTo(400);
        assertThat(message(badUrl)).startsWith("url: must be an absolute http or https URL");
        assertThat(weakSecret.statusCode()).isEqualTo(400);
        assertThat(message(weakSecret)).startsWith("secret: must be a random key").doesNotContain("letmein");
        assertThat(badEvent.statusCode()).isEqualTo(400);
        assertThat(message(badEvent)).startsWith("events[0]: must be one of");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(message(badId)).startsWith("id: must be a webhook id");
        assertThat(repository.working().list()).isEmpty();
    }

    @Test
    void deleteRemovesTheWebhookAndItsWaitingEvents() throws Exception {
        send("PUT", "/smtpplus/webhooks/shop-events", SHOP);
        outbox.append("shop-events", List.of("{}"));

        assertThat(send("DELETE", "/smtpplus/webhooks/shop-events", null).statusCode()).isEqualTo(204);

        assertThat(repository.working().get("shop-events")).isEmpty();
        assertThat(outbox.backlog("shop-events")).isZero();
        assertThat(webhooks.known().get()).isEmpty();
    }

    @Test
    void anUnknownWebhookIsA404() throws Exception {
        assertThat(send("GET", "/smtpplus/webhooks/nowhere", null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/smtpplus/webhooks/nowhere", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aStoreOutageIsA503() throws Exception {
        repository.down();

        assertThat(send("GET", "/smtpplus/webhooks", null).statusCode()).isEqualTo(503);
        assertThat(send("PUT", "/smtpplus/webhooks/shop-events", SHOP).statusCode()).isEqualTo(503);
    }

    private static String message(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body()).get("message").asText();
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
