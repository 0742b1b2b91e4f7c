package org.smtpplus.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.event.EventType;

class WebhookJsonTest {
    private static final String SECRET = WebhookRepositoryContract.SECRET;
    private final WebhookJson json = new WebhookJson();

    @Test
    void aFullBodyIsRead() throws Exception {
        Webhook webhook = json.parse("shop-events", "{\"account\":\"shop\",\"url\":\"https://hooks.example.com/in?a=1&b=2\","
            + "\"events\":[\"bounced\",\"clicked\"],\"secret\":\"" + SECRET + "\"}");

        assertThat(webhook).isEqualTo(new Webhook("shop-events", Optional.of("shop"),
            URI.create("https://hooks.example.com/in?a=1&b=2"), Set.of(EventType.BOUNCED, EventType.CLICKED), SECRET));
    }

    @Test
    void aNullAccountAndNoEventsMeanEverything() throws Exception {
        Webhook webhook = json.parse("all", "{\"account\":null,\"url\":\"http://127.0.0.1:9000/\",\"events\":[],\"secret\":\"" + SECRET + "\"}");

        assertThat(webhook.account()).isEmpty();
        assertThat(webhook.events()).isEmpty();
    }

    @Test
    void theViewShowsTheStatusAndNeverTheSecret() throws Exception {
        Webhook webhook = json.parse("all", "{\"url\":\"https://h.example/\",\"events\":[\"sent\"],\"secret\":\"" + SECRET + "\"}");
        WebhookStatus status = WebhookStatus.NEW.succeeded(Instant.parse("2026-12-07T10:00:00Z"))
            .failed(Instant.parse("2026-12-07T10:05:00Z"), "HTTP 500: down");

        String view = json.toJson(webhook, status, Optional.of(42L));

        assertThat(view).isEqualTo("{\"id\":\"all\",\"account\":null,\"url\":\"https://h.example/\",\"events\":[\"sent\"],"
            + "\"lastSuccessAt\":\"2026-12-07T10:00:00Z\",\"lastFailure\":{\"at\":\"2026-12-07T10:05:00Z\",\"error\":\"HTTP 500: down\"},"
            + "\"failingSince\":\"2026-12-07T10:05:00Z\",\"backlog\":42,\"dropped\":0}");
        assertThat(json.toJson(webhook, WebhookStatus.NEW, Optional.empty())).contains("\"lastSuccessAt\":null,\"lastFailure\":null", "\"backlog\":null");
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        assertRefused("bad id!", "{}", "id: must be a webhook id of 1 to 64");
        assertRefused("a", "{\"url\":\"https://h.example/\",\"secret\":\"" + SECRET + "\",\"colour\":1}", "colour: is not a field");
        assertRefused("a", "{\"secret\":\"" + SECRET + "\"}", "url: must be an absolute http or https URL");
        assertRefused("a", "{\"url\":\"ftp://h.example/\",\"secret\":\"" + SECRET + "\"}", "url: must be an absolute http");
        assertRefused("a", "{\"url\":\"https://h.example/a b\",\"secret\":\"" + SECRET + "\"}", "url: must be an absolute http");
        assertRefused("a", "{\"url\":\"/relative\",\"secret\":\"" + SECRET + "\"}", "url: must be an absolute http");
        assertRefused("a", "{\"url\":\"https://h.example/#x\",\"secret\":\"" + SECRET + "\"}", "url: must have no #fragment");
        assertRefused("a", "{\"url\":\"https://h.example/" + "x".repeat(2048) + "\",\"secret\":\"" + SECRET + "\"}", "url: must be an absolute");
        assertRefused("a", "{\"url\":\"https://h.example/\"}", "secret: must be a random key");
        assertRefused("a", "{\"url\":\"https://h.example/\",\"secret\":\"password\"}", "secret: must be a random key");
        assertRefused("a", "{\"url\":\"https://h.example/\",\"secret\":\"" + SECRET + "\",\"events\":[\"sent\",\"sent\"]}",
            "events[1]: \"sent\" is listed twice");
        assertRefused("a", "{\"url\":\"https://h.example/\",\"secret\":\"" + SECRET + "\",\"events\":[\"delivered\"]}",
            "events[0]: must be one of accepted, scheduled, sent");
        assertRefused("a", "{\"url\":\"https://h.example/\",\"secret\":\"" + SECRET + "\",\"events\":\"sent\"}", "events: must be an array");
        assertRefused("a", "{\"url\":\"https://h.example/\",\"secret\":\"" + SECRET + "\",\"account\":\"no spaces\"}", "account: must be an account name");
        assertRefused("a", "{\"id\":\"b\",\"url\":\"https://h.example/\",\"secret\":\"" + SECRET + "\"}", "id: must be the webhook of the path");
        assertRefused("a", "[]", "body:");
    }

    @Test
    void theSecretIsNeverInARefusal() {
        assertThatThrownBy(() -> json.parse("a", "{\"url\":\"https://h.example/\",\"secret\":\"hunter2hunter2\"}"))
            .hasMessageNotContaining("hunter2");
    }

    private void assertRefused(String id, String body, String message) {
        assertThatThrownBy(() -> json.parse(id, body)).isInstanceOf(InvalidWebhookException.class).hasMessageContaining(message);
    }
}
