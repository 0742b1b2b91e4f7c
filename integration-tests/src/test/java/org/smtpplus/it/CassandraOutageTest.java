package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.testing.cassandra.CassandraExtension;

/**
 * Cassandra stopped while mail flows: what the relay accepted waits, and goes out exactly once when Cassandra is
 * back, when its usage is counted too (an account with a plan is answered 451 instead, for its plan cannot be
 * enforced); a bounce taken during the outage is handled once it is back; a one-click unsubscribe is refused (503) and
 * changes nothing until then.
 */
class CassandraOutageTest {
    // Extensions registered on fields run in an unspecified order unless told: the store must be up before the relay.
    @RegisterExtension
    @Order(1)
    static final CassandraExtension CASSANDRA = new CassandraExtension();

    @RegisterExtension
    @Order(2)
    static final RelayExtension RELAY = new RelayExtension()
        .withCassandraStore(CASSANDRA, "it_outage");

    @Test
    void mailAcceptedDuringAnOutageIsDeliveredOnceCassandraIsBackAndCountedThen() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        RELAY.webAdmin().putAccount("planned", "{\"password\":\"s3cret\",\"plan\":{\"messagesPerMonth\":100}}");
        send("shop", "before@example.com", "before");
        send("planned", "planned-before@example.com", "before");
        RELAY.awaitDelivered(2);

        CASSANDRA.cassandra().stop();
        try {
            for (int i = 0; i < 5; i++) {
                send("shop", "during" + i + "@example.com", "during " + i);
            }
            // A plan cannot be enforced without the store: the client keeps the message and tries again later.
            try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "planned")) {
                SmtpClient.Reply refused = client.send("app@shop.example", List.of("planned-during@example.com"),
                    Messages.simple("app@shop.example", "planned-during@example.com", "during", "body").getBytes(StandardCharsets.UTF_8));
                assertThat(refused.code()).as(refused.toString()).isEqualTo(451);
                assertThat(refused.text()).startsWith("4.3.0");
            }
            Thread.sleep(3000);
            assertThat(RELAY.deliveredCount()).as("nothing can be personalised while Cassandra is down").isEqualTo(2);
        } finally {
            CASSANDRA.cassandra().restart();
        }

        // Cassandra restarts, the driver reconnects, then the spool retries: allow for all three
        Map<String, List<byte[]>> delivered = RELAY.awaitDelivered(7, Duration.ofSeconds(120));
        for (int i = 0; i < 5; i++) {
            assertThat(delivered.get("during" + i + "@example.com")).hasSize(1);
        }
        // a retry must never deliver twice: give a duplicate the time to show up
        Thread.sleep(12_000);
        assertThat(RELAY.deliveredCount()).isEqualTo(7);
        assertThat(RELAY.webAdmin().get("/smtpplus/lists/default/subscribers/during0@example.com").status()).isEqualTo(200);
        assertThat(RELAY.webAdmin().get("/smtpplus/accounts/shop/usage").json().get("messages").asLong())
            .as("what the store could not count when it was accepted is counted once it is back").isEqualTo(6);
        assertThat(RELAY.webAdmin().get("/smtpplus/accounts/planned/usage").json().get("messages").asLong()).isEqualTo(1);
    }

    @Test
    void aBounceTakenDuringAnOutageIsHandledOnceCassandraIsBackAndAClickIsRefusedUntilThen() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        String gone = "gone-" + UUID.randomUUID() + "@example.com";
        String leaving = "leaving-" + UUID.randomUUID() + "@example.com";
        String verp = Feedback.returnPath(Feedback.sendAndReceive(RELAY, "shop", gone, "{}"));
        String leavingToken = Feedback.token(Feedback.sendAndReceive(RELAY, "shop", leaving, "{}"));

        CASSANDRA.cassandra().stop();
        try {
            // Tokens are checked without the store: the bounce is taken, and waits in the spool.
            assertThat(Feedback.deliverInbound(RELAY, "", verp, Feedback.dsn(verp, gone, "5.1.1", "550 5.1.1 user unknown")).code())
                .isEqualTo(250);
            assertThat(Feedback.oneClick(RELAY, leavingToken).statusCode()).isEqualTo(503);
        } finally {
            CASSANDRA.cassandra().restart();
        }

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + gone).status()).isEqualTo(200));
        assertThat(Feedback.eventsOf(RELAY, gone, "bounced")).hasSize(1);
        assertThat(RELAY.webAdmin().get("/smtpplus/bounces?type=hard").json())
            .filteredOn(bounce -> bounce.get("recipient").asText().equals(gone)).hasSize(1);
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + leaving + "?list=default").status())
            .as("the refused click changed nothing").isEqualTo(404);
        assertThat(Feedback.oneClick(RELAY, leavingToken).statusCode()).isEqualTo(200);
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + leaving + "?list=default").status()).isEqualTo(200);
    }

    private static void send(String account, String recipient, String subject) throws Exception {
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, account)) {
            SmtpClient.Reply reply = client.send("app@shop.example", List.of(recipient),
                Messages.simple("app@shop.example", recipient, subject, "body").getBytes(StandardCharsets.UTF_8));
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
    }
}
