package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

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
 * back.
 */
class CassandraOutageTest {
    // Extensions registered on fields run in an unspecified order unless told: the store must be up before the relay.
    @RegisterExtension
    @Order(1)
    static final CassandraExtension CASSANDRA = new CassandraExtension();

    @RegisterExtension
    @Order(2)
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_STORE", "cassandra")
        .withSetting("SMTPPLUS_CASSANDRA", () -> CASSANDRA.cassandra().contactPoint())
        .withSetting("SMTPPLUS_CASSANDRA_KEYSPACE", "it_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));

    @Test
    void mailAcceptedDuringAnOutageIsDeliveredOnceCassandraIsBack() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        send("before@example.com", "before");
        RELAY.awaitDelivered(1);

        CASSANDRA.cassandra().stop();
        try {
            for (int i = 0; i < 5; i++) {
                send("during" + i + "@example.com", "during " + i);
            }
            Thread.sleep(3000);
            assertThat(RELAY.deliveredCount()).as("nothing can be personalised while Cassandra is down").isEqualTo(1);
        } finally {
            CASSANDRA.cassandra().restart();
        }

        // Cassandra restarts, the driver reconnects, then the spool retries: allow for all three
        Map<String, List<byte[]>> delivered = RELAY.awaitDelivered(6, Duration.ofSeconds(120));
        for (int i = 0; i < 5; i++) {
            assertThat(delivered.get("during" + i + "@example.com")).hasSize(1);
        }
        // a retry must never deliver twice: give a duplicate the time to show up
        Thread.sleep(12_000);
        assertThat(RELAY.deliveredCount()).isEqualTo(6);
        assertThat(RELAY.webAdmin().get("/smtpplus/lists/default/subscribers/during0@example.com").status()).isEqualTo(200);
    }

    private static void send(String recipient, String subject) throws Exception {
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            SmtpClient.Reply reply = client.send("app@shop.example", List.of(recipient),
                Messages.simple("app@shop.example", recipient, subject, "body").getBytes(StandardCharsets.UTF_8));
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
    }
}
