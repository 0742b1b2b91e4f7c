package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/operator-guide.md#back-pressure over real SMTP: a next hop that stalls lets the relay's backlog pass
 * SMTPPLUS_BACKLOG_LIMIT; new messages then get {@code 451 4.3.1} at MAIL FROM, and once the backlog has drained a
 * message is taken again. Every message taken is delivered, once.
 */
class BackPressureTest {
    private static final int LIMIT = 3;
    private static final GatedPort NEXT_HOP = new GatedPort(() -> BackPressureTest.RELAY.gateway().getSmtp().getPort());

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_BACKLOG_LIMIT", String.valueOf(LIMIT))
        .withSetting("SMTPPLUS_GATEWAY", () -> "127.0.0.1:" + NEXT_HOP.port());

    @AfterAll
    static void closeNextHop() throws Exception {
        NEXT_HOP.close();
    }

    @Test
    void aBacklogPastTheLimitGets451UntilItDrainsAndLosesNothing() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        List<String> accepted = new ArrayList<>();
        SmtpClient.Reply refusal = null;
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            // The relay counts its queues at most once a second: a few more than the limit may be taken first.
            for (int i = 0; i < 40 && refusal == null; i++) {
                String recipient = "r" + i + "@example.com";
                SmtpClient.Reply reply = send(client, recipient);
                if (reply.code() == 250) {
                    accepted.add(recipient);
                    Thread.sleep(250);
                } else {
                    refusal = reply;
                }
            }
        }

        assertThat(refusal).as("no message refused after %s", accepted).isNotNull();
        assertThat(refusal.code()).isEqualTo(451);
        assertThat(refusal.text()).startsWith("4.3.1 ");
        assertThat(accepted).hasSizeGreaterThan(LIMIT);

        NEXT_HOP.open();
        Map<String, List<byte[]>> delivered = RELAY.awaitDelivered(accepted.size(), Duration.ofMinutes(1));
        assertThat(delivered).containsOnlyKeys(accepted);
        assertThat(delivered.values()).allSatisfy(copies -> assertThat(copies).hasSize(1));

        String after = "after@example.com";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        SmtpClient.Reply reply;
        do {
            try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
                reply = send(client, after);
            }
            if (reply.code() != 250) {
                Thread.sleep(250);
            }
        } while (reply.code() != 250 && Instant.now().isBefore(deadline));
        assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        assertThat(RELAY.awaitDelivered(accepted.size() + 1, Duration.ofMinutes(1)).get(after)).hasSize(1);
    }

    private static SmtpClient.Reply send(SmtpClient client, String recipient) throws Exception {
        return client.send("app@shop.example", List.of(recipient),
            Messages.simple("app@shop.example", recipient, "Hello", "Hi").getBytes(StandardCharsets.UTF_8));
    }
}
