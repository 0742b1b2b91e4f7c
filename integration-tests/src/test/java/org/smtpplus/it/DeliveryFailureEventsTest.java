package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * RemoteDelivery's failure paths (docs/api.md#bounces and docs/api.md#events-and-reports), with a GreenMail gateway
 * that refuses at RCPT: a 451
 * gives {@code deferred} (James 3.8.1 keeps no diagnostic of a temporary failure on the mail); a 550 is classified
 * like a bounce to the VERP address: {@code bounced} with the status and the diagnostic, a global suppression, an
 * entry of the bounce list and one mail to the account's notify address, and no DSN.
 */
class DeliveryFailureEventsTest {
    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension().withRefusingGateway();

    @Test
    void temporaryAndPermanentRefusalsAreDeferredAndBouncedEvents() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\",\"notify\":[\"it@shop.example\"]}");
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            SmtpClient.Reply reply = client.send("app@shop.example", List.of("defer@example.com", "bounce@example.com", "ok@example.com"),
                Messages.withDirective("{\"customId\":\"failures\"}",
                    Messages.simple("app@shop.example", "ok@example.com", "Hi", "body")).getBytes(StandardCharsets.UTF_8));
            assertThat(reply.code()).isEqualTo(250);
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(events("defer@example.com")).anySatisfy(event -> {
                assertThat(event.get("event").asText()).isEqualTo("deferred");
                assertThat(event.get("customId").asText()).isEqualTo("failures");
            });
            assertThat(events("bounce@example.com")).anySatisfy(event -> {
                assertThat(event.get("event").asText()).isEqualTo("bounced");
                assertThat(event.get("status").asText()).isEqualTo("5.1.1");
                assertThat(event.get("reason").asText()).isEqualTo("user_unknown");
                assertThat(event.get("diagnostic").asText()).contains("No such user");
            });
            assertThat(events("ok@example.com")).anySatisfy(event -> assertThat(event.get("event").asText()).isEqualTo("sent"));
        });
        // The notification goes out through the same gateway: it is no copy of the message and must not count as one;
        // no DSN goes anywhere (the copy's return path is the relay's own VERP address).
        Map<String, List<byte[]>> delivered = RELAY.awaitDelivered(2, Duration.ofSeconds(60));
        assertThat(delivered.get("it@shop.example")).singleElement().satisfies(raw -> {
            ReceivedMessage notification = new ReceivedMessage(raw);
            assertThat(notification.header("Return-Path")).contains("<mailer-daemon@bounces.localhost>");
            assertThat(notification.subject()).isEqualTo("Bounce (hard): bounce@example.com");
            assertThat(notification.header("Auto-Submitted")).contains("auto-generated");
            assertThat(notification.text("text/plain")).contains("5.1.1", "No such user here");
        });
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/bounce@example.com").json().get("reason").asText())
            .isEqualTo("hard_bounce");
        assertThat(RELAY.webAdmin().get("/smtpplus/bounces?account=shop").json()).singleElement().satisfies(bounce -> {
            assertThat(bounce.get("recipient").asText()).isEqualTo("bounce@example.com");
            assertThat(bounce.get("type").asText()).isEqualTo("hard");
            assertThat(bounce.get("reason").asText()).isEqualTo("user_unknown");
            assertThat(bounce.get("status").asText()).isEqualTo("5.1.1");
        });
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(RELAY.deliveredCount()).isEqualTo(2);
            JsonNode counts = RELAY.webAdmin().get("/smtpplus/stats?customId=failures").json().get("counts");
            assertThat(counts.get("sent").asLong()).isEqualTo(1);
            assertThat(counts.get("bounced").asLong()).isEqualTo(1);
            assertThat(counts.get("accepted").asLong()).isEqualTo(3);
        });
        // RemoteDelivery hands its onSuccess processor a copy without recipients when a next hop accepted none: it
        // must not fall off that processor with James's warning at every deferral.
        assertThat(RELAY.relay().log()).doesNotContain("reached the end of this processor");
    }

    private static JsonNode events(String recipient) {
        return RELAY.webAdmin().get("/smtpplus/events?recipient=" + recipient).json();
    }
}
