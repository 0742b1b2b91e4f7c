package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.it.SmtpClient.Reply;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a stranger's mail can do, over real SMTP: reach no local mailbox (the relay keeps none; the postmaster goes to
 * the operator's address), and never make the relay mail a bounce to a sender it cannot trust.
 */
class StrangerMailTest {
    private static final String OPERATOR = "ops@operator.example";

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_BOUNCE_DOMAIN", Feedback.BOUNCE_DOMAIN)
        .withSetting("SMTPPLUS_POSTMASTER", OPERATOR);

    @Test
    void localMailboxesAreRefusedAtRcptToStrangersAndAccountsAlike() throws Exception {
        try (SmtpClient stranger = SmtpClient.connect(RELAY.relay().smtpPort())) {
            stranger.ehlo();
            assertThat(stranger.mailFrom("anyone@elsewhere.example").code()).isEqualTo(250);
            for (String local : List.of("demo@localhost", "root@localhost", "Demo@LOCALHOST")) {
                Reply refused = stranger.rcptTo(local);
                assertThat(refused.code()).as(local).isEqualTo(550);
                assertThat(refused.text()).startsWith("5.1.1");
            }
        }
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        try (SmtpClient account = SmtpAccessTest.authenticated(RELAY, "shop")) {
            assertThat(account.mailFrom("app@shop.example").code()).isEqualTo(250);
            assertThat(account.rcptTo("shop@localhost").code()).isEqualTo(550);
        }
    }

    @Test
    void mailToThePostmasterGoesToTheOperatorsAddressAndItsBounceToo() throws Exception {
        try (SmtpClient stranger = SmtpClient.connect(RELAY.relay().smtpPort())) {
            stranger.ehlo();
            Reply reply = stranger.send("someone@elsewhere.example", List.of("postmaster@localhost"),
                Messages.simple("someone@elsewhere.example", "postmaster@localhost", "Abuse report", "Your relay...").getBytes());
            assertThat(reply.code()).isEqualTo(250);
        }

        Map<String, List<byte[]>> delivered = RELAY.awaitDelivered(1);
        assertThat(delivered).containsOnlyKeys(OPERATOR);
        ReceivedMessage forwarded = new ReceivedMessage(delivered.get(OPERATOR).get(0));
        assertThat(forwarded.header("Subject")).hasValueSatisfying(subject -> assertThat(subject).contains("Abuse report"));
        // Not the original sender, who may be forged: a bounce of the forward goes to the operator.
        assertThat(forwarded.header("Return-Path")).hasValueSatisfying(path -> assertThat(path.trim()).isEqualTo("<" + OPERATOR + ">"));
    }

    @Test
    void aStrangersLoopingMailIsRefusedAtDataAndNeverBouncedToItsSender() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        String verp = Feedback.returnPath(Feedback.sendAndReceive(RELAY, "shop", "bob@example.com", "{}"));
        RELAY.gateway().purgeEmailFromAllMailboxes();
        int kept = errorRepositorySize();

        // A mail loop to a token anyone may write to, with a forged sender: the victim of backscatter.
        try (SmtpClient stranger = SmtpClient.connect(RELAY.relay().smtpPort())) {
            stranger.ehlo();
            Reply reply = stranger.send("victim@example.com", List.of(verp),
                (receivedLines(31) + Messages.simple("victim@example.com", verp, "loop", "x")).getBytes(StandardCharsets.US_ASCII));
            assertThat(reply.code()).isEqualTo(554);
            assertThat(reply.text()).startsWith("5.4.6").contains("30");
        }

        sendMarker();
        assertThat(RELAY.awaitDelivered(1)).containsOnlyKeys("marker@example.com");
        assertThat(errorRepositorySize()).isEqualTo(kept);
    }

    @Test
    void anAccountsMessageThatFailsProcessingIsKeptWithABouncedEventAndBouncedToItsSender() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        String messageId = "<looping-" + System.nanoTime() + "@shop.example>";
        int kept = errorRepositorySize();
        try (SmtpClient account = SmtpAccessTest.authenticated(RELAY, "shop")) {
            Reply reply = account.send("app@shop.example", List.of("ann@example.com", "cid@example.com"),
                (receivedLines(31) + Messages.crlf("From: app@shop.example\nTo: ann@example.com\nSubject: loop\nMessage-ID: "
                    + messageId + "\n\nbody\n")).getBytes(StandardCharsets.US_ASCII));
            assertThat(reply.code()).isEqualTo(250);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode events = RELAY.webAdmin().get("/smtpplus/events?messageId=" + URLEncoder.encode(messageId, StandardCharsets.UTF_8)).json();
            assertThat(events).hasSize(2);
            events.forEach(event -> {
                assertThat(event.get("event").asText()).isEqualTo("bounced");
                assertThat(event.get("status").asText()).isEqualTo("5.3.0");
                assertThat(event.get("account").asText()).isEqualTo("shop");
                assertThat(event.get("diagnostic").asText()).contains("kept for the operator");
            });
        });
        // The sender authenticated: it is told, at its own address.
        assertThat(RELAY.awaitDelivered(1)).containsOnlyKeys("app@shop.example");
        assertThat(errorRepositorySize()).isEqualTo(kept + 1);
    }

    private static String receivedLines(int count) {
        StringBuilder received = new StringBuilder();
        for (int i = 0; i < count; i++) {
            received.append("Received: from hop").append(i).append(".example by hop").append(i + 1).append(".example; Sun, 6 Dec 2026 10:00:00 +0000\r\n");
        }
        return received.toString();
    }

    private static int errorRepositorySize() {
        return repositorySize("error");
    }

    // A repository James has not made yet (nothing was kept in it) holds nothing.
    private static int repositorySize(String name) {
        WebAdminClient.Response mails = RELAY.webAdmin().get("/mailRepositories/var%2Fmail%2F" + name + "%2F/mails");
        return mails.status() == 404 ? 0 : mails.json().size();
    }

    private static void sendMarker() throws Exception {
        RELAY.webAdmin().putAccount("marker", "{\"password\":\"s3cret\"}");
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "marker")) {
            assertThat(client.send("app@shop.example", List.of("marker@example.com"),
                Messages.simple("app@shop.example", "marker@example.com", "marker", "marker").getBytes()).code()).isEqualTo(250);
        }
    }
}
