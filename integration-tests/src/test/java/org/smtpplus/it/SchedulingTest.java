package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scheduled sending through James's mail queue (docs/scheduling.md), over real SMTP and HTTP: a future sendAt is
 * accepted, parked, listed by batch and delivered at its time, not before; a cancelled batch never arrives while
 * another one does; the queue report counts what waits and what was sent.
 */
class SchedulingTest {
    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension();

    @BeforeEach
    void account() {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
    }

    @Test
    void fiftyMessagesScheduledTenSecondsAheadArriveNoneEarlyAndAllWithinFiveSecondsAfter() throws Exception {
        Instant sendAt = Instant.now().plusSeconds(10);
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            for (int i = 0; i < 50; i++) {
                assertThat(send(client, "r" + i + "@example.com", sendAt, "fifty").code()).isEqualTo(250);
            }
        }

        // Parking happens in the spool, just after the 250.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/scheduled?batchId=fifty").json()).hasSize(50));
        JsonNode parked = RELAY.webAdmin().get("/smtpplus/scheduled?batchId=fifty").json();
        assertThat(parked).allSatisfy(message -> {
            assertThat(message.get("sendAt").asText()).isEqualTo(sendAt.toString().replaceAll("\\.\\d+", ""));
            assertThat(message.get("account").asText()).isEqualTo("shop");
            assertThat(message.get("recipients")).hasSize(1);
        });
        assertThat(RELAY.webAdmin().get("/smtpplus/queue").json().get("scheduled").asLong()).isEqualTo(50);
        assertThat(RELAY.webAdmin().get("/smtpplus/events?recipient=r0@example.com").json())
            .anySatisfy(event -> assertThat(event.get("event").asText()).isEqualTo("scheduled"));

        // RFC 3339 sendAt has whole seconds here: nothing may arrive before that second.
        Instant due = Instant.ofEpochSecond(sendAt.getEpochSecond());
        await().pollInterval(Duration.ofMillis(200)).until(() -> !Instant.now().isBefore(due.minusMillis(300)));
        assertThat(RELAY.deliveredCount()).as("delivered before sendAt").isZero();
        RELAY.awaitDelivered(50, Duration.between(Instant.now(), due.plusSeconds(5)));

        assertThat(RELAY.webAdmin().get("/smtpplus/scheduled?batchId=fifty").json()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode queue = RELAY.webAdmin().get("/smtpplus/queue").json();
            assertThat(queue.get("scheduled").asLong()).isZero();
            assertThat(queue.get("queued").asLong()).isZero();
            assertThat(queue.get("sentLastHour").asLong()).isGreaterThanOrEqualTo(50);
            assertThat(queue.get("ratePerMinute").asDouble()).isPositive();
            assertThat(queue.get("estimatedDrainSeconds").asLong()).isZero();
        });
    }

    @Test
    void aCancelledBatchNeverArrivesWhileAnotherDoes() throws Exception {
        Instant sendAt = Instant.now().plusSeconds(6);
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            for (int i = 0; i < 5; i++) {
                send(client, "kept" + i + "@example.com", sendAt, "kept");
                send(client, "cancelled" + i + "@example.com", sendAt, "cancelled");
            }
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/scheduled?batchId=cancelled").json()).hasSize(5));
        WebAdminClient.Response cancel = RELAY.webAdmin().delete("/smtpplus/scheduled?batchId=cancelled");
        assertThat(cancel.json().get("cancelled").asInt()).isEqualTo(5);
        assertThat(RELAY.webAdmin().get("/smtpplus/scheduled?batchId=cancelled").json()).isEmpty();
        assertThat(RELAY.webAdmin().get("/smtpplus/scheduled?batchId=kept").json()).hasSize(5);

        RELAY.awaitDelivered(5, Duration.ofSeconds(20));
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
            .untilAsserted(() -> assertThat(RELAY.deliveredCount()).isEqualTo(5));
        assertThat(RELAY.delivered().keySet()).allSatisfy(recipient -> assertThat(recipient).startsWith("kept"));
        assertThat(RELAY.webAdmin().delete("/smtpplus/scheduled?batchId=cancelled").json().get("cancelled").asInt()).isZero();
    }

    @Test
    void aPastSendAtIsNowAndACancelWithoutBatchIsRefused() throws Exception {
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            assertThat(send(client, "past@example.com", Instant.now().minusSeconds(3600), "past").code()).isEqualTo(250);
        }
        RELAY.awaitDelivered(1, Duration.ofSeconds(20));

        WebAdminClient.Response refused = RELAY.webAdmin().delete("/smtpplus/scheduled");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).contains("batchId");
    }

    @Test
    void futureReleaseHoldsAMessageOfAnAuthenticatedSession() throws Exception {
        Instant before = Instant.now();
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            // RFC 4865 section 3: the longest hold, 30 days, and the latest date
            assertThat(client.ehlo().toString()).contains("FUTURERELEASE 2592000 ");
            assertThat(client.command("MAIL FROM:<app@shop.example> HOLDFOR=6").code()).isEqualTo(250);
            assertThat(client.rcptTo("held@example.com").code()).isEqualTo(250);
            assertThat(client.data(Messages.simple("app@shop.example", "held@example.com", "Held", "body")).code()).isEqualTo(250);
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(RELAY.webAdmin().get("/smtpplus/scheduled").json())
            .anySatisfy(message -> assertThat(message.get("recipients").get(0).asText()).isEqualTo("held@example.com")));
        RELAY.awaitDelivered(1, Duration.ofSeconds(20));
        assertThat(Duration.between(before, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void futureReleaseIsRefusedBeyondTheHorizonAndWithoutAuthentication() throws Exception {
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            SmtpClient.Reply tooLate = client.command("MAIL FROM:<app@shop.example> HOLDFOR=2592001");
            assertThat(tooLate.code()).isEqualTo(501);
            assertThat(tooLate.toString()).contains("5.5.4", "HOLDFOR");
        }
        try (SmtpClient client = SmtpClient.connect(RELAY.relay().smtpPort())) {
            // Advertised to every client (they read EHLO before AUTH), taken from authenticated ones only
            assertThat(client.ehlo().toString()).contains("FUTURERELEASE 2592000 ");
            SmtpClient.Reply anonymous = client.command("MAIL FROM:<app@shop.example> HOLDFOR=60");
            assertThat(anonymous.code()).isEqualTo(530);
            assertThat(anonymous.toString()).contains("5.7.0");
        }
    }

    private static SmtpClient.Reply send(SmtpClient client, String recipient, Instant sendAt, String batchId) throws Exception {
        String directive = "{\"sendAt\":" + sendAt.getEpochSecond() + ",\"batchId\":\"" + batchId + "\"}";
        return client.send("app@shop.example", List.of(recipient),
            Messages.withDirective(directive, Messages.simple("app@shop.example", recipient, "Later", "body"))
                .getBytes(StandardCharsets.UTF_8));
    }
}
