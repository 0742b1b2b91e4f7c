package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.testing.opensearch.OpenSearchExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * docs/api.md#events-and-reports with SMTPPLUS_STATS=opensearch against a real OpenSearch: the same exact reports, and an
 * OpenSearch outage that neither stops mail nor loses or doubles an event.
 */
class OpenSearchEventsTest {
    // Extensions registered on fields run in an unspecified order unless told: the store must be up before the relay.
    @RegisterExtension
    @Order(1)
    static final OpenSearchExtension OPENSEARCH = new OpenSearchExtension();

    @RegisterExtension
    @Order(2)
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_STATS", "opensearch")
        .withSetting("SMTPPLUS_OPENSEARCH", () -> OPENSEARCH.opensearch().baseUrl())
        .withSetting("SMTPPLUS_OPENSEARCH_INDEX_PREFIX", "it-events-" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void reportsCountEveryStepByCustomIdTagAccountAndDay() throws Exception {
        new EventReports(RELAY).reportsCountEveryStepByCustomIdTagAccountAndDay();
    }

    @Test
    void badParametersAre400NamingThem() {
        new EventReports(RELAY).badParametersAre400NamingThem();
    }

    @Test
    void anOpenSearchOutageNeitherStopsMailNorLosesOrDoublesAnEvent() throws Exception {
        String customId = "outage-" + UUID.randomUUID();
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");

        OPENSEARCH.opensearch().stop();
        try {
            for (int i = 0; i < 10; i++) {
                send("o" + i + "@example.com", customId);
            }
            RELAY.awaitDelivered(10);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(RELAY.webAdmin().get("/smtpplus/stats/backlog").json().get("spilled").asLong()).isGreaterThan(0));
        } finally {
            OPENSEARCH.opensearch().restart();
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode counts = RELAY.webAdmin().get("/smtpplus/stats?customId=" + customId).json().get("counts");
            assertThat(counts.get("accepted").asLong()).isEqualTo(10);
            assertThat(counts.get("sent").asLong()).isEqualTo(10);
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/stats/backlog").json().get("spilled").asLong()).isZero());
        JsonNode counts = RELAY.webAdmin().get("/smtpplus/stats?customId=" + customId).json().get("counts");
        assertThat(counts.get("accepted").asLong()).isEqualTo(10);
        assertThat(counts.get("sent").asLong()).isEqualTo(10);
    }

    private static void send(String recipient, String customId) throws Exception {
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            SmtpClient.Reply reply = client.send("app@shop.example", List.of(recipient),
                Messages.withDirective("{\"customId\":\"" + customId + "\"}",
                    Messages.simple("app@shop.example", recipient, "Hi", "body")).getBytes(StandardCharsets.UTF_8));
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
    }
}
