package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * RemoteDelivery's failure paths as events (contract section 8): a next hop that answers 451 gives {@code deferred}
 * (James 3.8.1 keeps no diagnostic of a temporary failure on the mail), one that answers 550 gives {@code bounced}
 * with the status and the diagnostic.
 */
class DeliveryFailureEventsTest {
    private static final RefusingSmtpServer NEXT_HOP = start();

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_GATEWAY", () -> "127.0.0.1:" + NEXT_HOP.port());

    @AfterAll
    static void stopNextHop() throws Exception {
        NEXT_HOP.close();
    }

    @Test
    void temporaryAndPermanentRefusalsAreDeferredAndBouncedEvents() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
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
                assertThat(event.get("diagnostic").asText()).contains("No such user");
            });
            assertThat(events("ok@example.com")).anySatisfy(event -> assertThat(event.get("event").asText()).isEqualTo("sent"));
        });
        // The DSN for bounce@ goes back to the sender through the same relay: it is no copy of the message and
        // must not count as one.
        await().atMost(Duration.ofSeconds(60)).until(() -> NEXT_HOP.accepted() >= 2);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode counts = RELAY.webAdmin().get("/smtpplus/stats?customId=failures").json().get("counts");
            assertThat(counts.get("sent").asLong()).isEqualTo(1);
            assertThat(counts.get("bounced").asLong()).isEqualTo(1);
            assertThat(counts.get("accepted").asLong()).isEqualTo(3);
        });
    }

    private static JsonNode events(String recipient) {
        return RELAY.webAdmin().get("/smtpplus/events?recipient=" + recipient).json();
    }

    private static RefusingSmtpServer start() {
        try {
            return new RefusingSmtpServer();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
