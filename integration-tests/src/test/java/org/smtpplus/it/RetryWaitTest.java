package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.testing.cassandra.CassandraExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Retries that wait (docs/operator-guide.md#retries-after-a-temporary-failure) on a mail queue that ignores delays, as
 * the distributed James's RabbitMQ queue does ({@link DelayIgnoringQueueModule}, put in the relay by the launcher's test
 * hook): with SMTPPLUS_SCHEDULER=cassandra a copy refused with a 451 waits its retry delay in Cassandra and is tried
 * again when it is due, once, and a crash in the middle of a wait loses nothing. The next hop refuses {@code twice...@}
 * recipients with a 451 at their first two attempts ({@link RefusingGreenMail}); RemoteDelivery waits 4 s, then 8 s
 * (conf/mailetcontainer.xml's delayTime, shortened for the test). Without the wait in Cassandra, the queue would hand
 * the copy back at once and the three attempts would follow each other within a second or so.
 */
class RetryWaitTest {
    private static final Duration FIRST_DELAY = Duration.ofSeconds(4);
    private static final Duration SECOND_DELAY = Duration.ofSeconds(8);

    @RegisterExtension
    @Order(1)
    static final CassandraExtension CASSANDRA = new CassandraExtension();

    @RegisterExtension
    @Order(2)
    static final RelayExtension RELAY = new RelayExtension()
        .withCassandraStore(CASSANDRA, "it_retry")
        .withSetting("SMTPPLUS_SCHEDULER", "cassandra")
        .withRefusingGateway()
        .withGuiceOverride(DelayIgnoringQueueModule.NAME)
        .withConfEdit("mailetcontainer.xml", "<delayTime>5000, 120000, 600000, 5*3600000</delayTime>",
            "<delayTime>" + FIRST_DELAY.toMillis() + ", " + SECOND_DELAY.toMillis() + ", 600000, 5*3600000</delayTime>");

    @BeforeEach
    void account() {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
    }

    @Test
    void aCopyRefusedTwiceWaitsEachDelayAndIsDeliveredOnce() throws Exception {
        String recipient = "twice-wait@example.com";
        send(recipient, "retry-wait");

        RELAY.awaitDelivered(1, Duration.ofSeconds(60));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(RELAY.deliveredCount()).isEqualTo(1);
            assertThat(offers(recipient)).hasSize(3);
        });
        List<Instant> offers = offers(recipient);
        assertThat(Duration.between(offers.get(0), offers.get(1))).as("wait before the second attempt")
            .isGreaterThanOrEqualTo(FIRST_DELAY);
        assertThat(Duration.between(offers.get(1), offers.get(2))).as("wait before the third attempt")
            .isGreaterThanOrEqualTo(SECOND_DELAY);
        assertEvents(recipient);
    }

    @Test
    void aCrashInTheMiddleOfAWaitLosesNothing() throws Exception {
        String recipient = "twice-crash@example.com";
        send(recipient, "retry-crash");
        // The wait is in Cassandra: listed with the scheduled messages until it is due.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> waiting(recipient));

        RELAY.crashAndRestart();

        RELAY.awaitDelivered(1, Duration.ofSeconds(60));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(RELAY.deliveredCount()).isEqualTo(1);
            assertThat(offers(recipient)).hasSize(3);
        });
        // the events before the crash were in the relay's memory (SMTPPLUS_STATS=memory): none to count here
        assertThat(RELAY.delivered().get(recipient)).hasSize(1);
    }

    // deferred at the first two attempts, sent at the third (the events come newest first)
    private static void assertEvents(String recipient) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode events = RELAY.webAdmin().get("/smtpplus/events?recipient=" + recipient).json();
            assertThat(StreamSupport.stream(events.spliterator(), false)
                .map(event -> event.get("event").asText())
                .filter(type -> List.of("deferred", "sent", "bounced").contains(type)))
                .containsExactly("sent", "deferred", "deferred");
        });
    }

    private static boolean waiting(String recipient) {
        JsonNode scheduled = RELAY.webAdmin().get("/smtpplus/scheduled").json();
        return StreamSupport.stream(scheduled.spliterator(), false)
            .anyMatch(message -> message.get("recipients").toString().contains(recipient));
    }

    private static List<Instant> offers(String recipient) {
        return ((RefusingGreenMail) RELAY.gateway()).offers(recipient);
    }

    private static void send(String recipient, String customId) throws Exception {
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            SmtpClient.Reply reply = client.send("app@shop.example", List.of(recipient),
                Messages.withDirective("{\"customId\":\"" + customId + "\"}",
                    Messages.simple("app@shop.example", recipient, "Retried", "body")).getBytes(StandardCharsets.UTF_8));
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
    }
}
