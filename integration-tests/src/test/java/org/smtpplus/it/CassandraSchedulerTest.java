package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.testing.cassandra.CassandraExtension;

/**
 * The durable scheduler (SMTPPLUS_SCHEDULER=cassandra, docs/scheduling.md) over real SMTP against a real Cassandra:
 * messages parked in Cassandra survive a relay restart and go out once, and two relays releasing from one Cassandra
 * send each message exactly once.
 */
class CassandraSchedulerTest {
    @RegisterExtension
    @Order(1)
    static final CassandraExtension CASSANDRA = new CassandraExtension();

    @RegisterExtension
    @Order(2)
    static final RelayExtension RELAY = new RelayExtension()
        .withCassandraStore(CASSANDRA, "it_sched")
        .withSetting("SMTPPLUS_SCHEDULER", "cassandra");

    @BeforeEach
    void account() {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
    }

    @Test
    void aRestartLosesNoScheduledMessageAndDeliversEachOnce() throws Exception {
        Instant sendAt = Instant.now().plusSeconds(30);
        send(RELAY.relay(), "restart", 10, sendAt);
        // Parking happens in the spool, just after the 250.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/scheduled?batchId=restart").json()).hasSize(10));

        RELAY.restart();
        assertThat(RELAY.deliveredCount()).as("delivered before sendAt").isZero();
        assertThat(RELAY.webAdmin().get("/smtpplus/scheduled?batchId=restart").json()).hasSize(10);

        Map<String, List<byte[]>> delivered = RELAY.awaitDelivered(10, Duration.between(Instant.now(), sendAt.plusSeconds(20)));
        assertThat(delivered).hasSize(10).allSatisfy((recipient, copies) -> assertThat(copies).hasSize(1));
        assertThat(Instant.now()).isAfterOrEqualTo(Instant.ofEpochSecond(sendAt.getEpochSecond()));
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
            .untilAsserted(() -> assertThat(RELAY.deliveredCount()).isEqualTo(10));
        assertThat(RELAY.webAdmin().get("/smtpplus/scheduled?batchId=restart").json()).isEmpty();
    }

    @Test
    void twoSchedulersOnOneCassandraSendEachMessageExactlyOnce() throws Exception {
        RelayProcess second = RELAY.startOtherNode();
        Instant sendAt = Instant.now().plusSeconds(10);
        send(RELAY.relay(), "first-node", 10, sendAt);
        send(second, "second-node", 10, sendAt);

        Map<String, List<byte[]>> delivered = RELAY.awaitDelivered(20, Duration.between(Instant.now(), sendAt.plusSeconds(20)));
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
            .untilAsserted(() -> assertThat(RELAY.deliveredCount()).isEqualTo(20));
        assertThat(delivered).hasSize(20).allSatisfy((recipient, copies) -> assertThat(copies).hasSize(1));
    }

    @Test
    void aCancelledBatchWaitingInCassandraNeverArrives() throws Exception {
        Instant sendAt = Instant.now().plusSeconds(6);
        send(RELAY.relay(), "gone", 3, sendAt);
        send(RELAY.relay(), "stays", 3, sendAt);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/scheduled?batchId=gone").json()).hasSize(3));

        assertThat(RELAY.webAdmin().delete("/smtpplus/scheduled?batchId=gone").json().get("cancelled").asInt()).isEqualTo(3);

        RELAY.awaitDelivered(3, Duration.ofSeconds(30));
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
            .untilAsserted(() -> assertThat(RELAY.deliveredCount()).isEqualTo(3));
        assertThat(RELAY.delivered().keySet()).allSatisfy(recipient -> assertThat(recipient).startsWith("stays"));
    }

    private static void send(RelayProcess relay, String batchId, int count, Instant sendAt) throws Exception {
        try (SmtpClient client = SmtpClient.connect(relay.smtpPort())) {
            client.ehlo();
            assertThat(client.authPlain("shop", "s3cret").code()).isEqualTo(235);
            for (int i = 0; i < count; i++) {
                String recipient = batchId + i + "@example.com";
                String directive = "{\"sendAt\":" + sendAt.getEpochSecond() + ",\"batchId\":\"" + batchId + "\"}";
                SmtpClient.Reply reply = client.send("app@shop.example", List.of(recipient), Messages.withDirective(directive,
                    Messages.simple("app@shop.example", recipient, "Later " + i, "body " + i)).getBytes(StandardCharsets.UTF_8));
                assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
            }
        }
    }
}
