package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.testing.ScriptedNextHop;

/**
 * Connections to the next hop kept for the next mail (docs/operator-guide.md#connections-to-the-next-hop), over real
 * SMTP: mails one after the other share one connection, and a next hop that closes a kept connection, or answers 421 on it,
 * loses nothing and gets nothing twice, each copy with one {@code sent} event and no {@code deferred} one (a copy sent
 * again on a new connection is no retry).
 */
class ConnectionReuseTest {
    private static final int COPIES = 50;

    static final ScriptedNextHop NEXT_HOP = ScriptedNextHop.onLoopback();

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension().withSetting("SMTPPLUS_GATEWAY", NEXT_HOP::address);

    @BeforeEach
    void account() throws IOException {
        // the relay's kept connections of the last test would count in this one
        NEXT_HOP.reset();
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
    }

    @AfterAll
    static void stopNextHop() throws Exception {
        NEXT_HOP.close();
    }

    @Test
    void fiftyMailsOneAfterTheOtherShareOneConnection() throws Exception {
        List<String> recipients = new ArrayList<>();
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            for (int i = 0; i < COPIES; i++) {
                String recipient = "one" + i + "@example.com";
                send(client, List.of(recipient));
                recipients.add(recipient);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> NEXT_HOP.taken(recipient) > 0);
            }
        }

        awaitEachTakenOnceWithItsEvents(recipients);
        // James's RemoteDelivery opened one per mail
        assertThat(NEXT_HOP.connections()).isEqualTo(1);
    }

    @Test
    void fiftyCopiesAtOnceAreEachTakenOnce() throws Exception {
        List<String> recipients = send("burst");

        awaitEachTakenOnceWithItsEvents(recipients);
        // as many connections as copies in delivery at once, which the delivery threads bound
        assertThat(NEXT_HOP.connections()).isLessThan(COPIES);
    }

    @Test
    void aNextHopThatClosesKeptConnectionsLosesNothingAndGetsNothingTwice() throws Exception {
        NEXT_HOP.misbehave(ScriptedNextHop.Misbehaviour.CLOSE_AFTER, 3);

        List<String> recipients = send("closed");

        awaitEachTakenOnceWithItsEvents(recipients);
        assertThat(NEXT_HOP.connections()).isGreaterThanOrEqualTo(COPIES / 3);
    }

    @Test
    void aNextHopThatAnswers421OnAKeptConnectionLosesNothingAndGetsNothingTwice() throws Exception {
        NEXT_HOP.misbehave(ScriptedNextHop.Misbehaviour.REFUSE_421_AFTER, 2);

        List<String> recipients = send("refused");

        awaitEachTakenOnceWithItsEvents(recipients);
        assertThat(NEXT_HOP.connections()).isGreaterThanOrEqualTo(COPIES / 2);
    }

    /** One message of {@value #COPIES} recipients: as many copies, one recipient each. */
    private static List<String> send(String prefix) throws Exception {
        List<String> recipients = IntStream.range(0, COPIES).mapToObj(i -> prefix + i + "@example.com")
            .collect(Collectors.toList());
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            send(client, recipients);
        }
        return recipients;
    }

    private static void send(SmtpClient client, List<String> recipients) throws Exception {
        SmtpClient.Reply reply = client.send("app@shop.example", recipients,
            Messages.simple("Shop <app@shop.example>", recipients.get(0), "Your order", "It ships today.")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
    }

    private static void awaitEachTakenOnceWithItsEvents(List<String> recipients) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertThat(NEXT_HOP.taken().size()).isGreaterThanOrEqualTo(recipients.size()));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String recipient : recipients) {
                assertThat(eventTypes(recipient)).as(recipient).containsExactly("sent");
            }
        });
        for (String recipient : recipients) {
            assertThat(NEXT_HOP.taken(recipient)).as(recipient).isEqualTo(1);
        }
        assertThat(NEXT_HOP.taken().size()).isEqualTo(recipients.size());
    }

    // The events of the copy, but the accepted one every copy has first.
    private static List<String> eventTypes(String recipient) {
        List<String> types = new ArrayList<>();
        RELAY.webAdmin().get("/smtpplus/events?recipient=" + recipient).json().forEach(event -> types.add(event.get("event").asText()));
        types.remove("accepted");
        return types;
    }
}
