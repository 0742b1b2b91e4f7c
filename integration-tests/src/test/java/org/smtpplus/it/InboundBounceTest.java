package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Bounces that come back to a copy's VERP address (docs/api.md#bounces), over real SMTP: classified per recipient,
 * for the recipient the token names (the report may name an alias); hard ones suppress globally, are recorded as
 * {@code bounced} events and in the bounce list, and are mailed to the account's notify address; blocks never
 * suppress; the third soft bounce within 30 days does; a spam complaint (RFC 5965) suppresses globally; replays,
 * auto-replies and garbage change nothing.
 */
class InboundBounceTest {
    private static final String NOTIFY = "it@shop.example";

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_BOUNCE_DOMAIN", Feedback.BOUNCE_DOMAIN);

    @BeforeEach
    void account() {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\",\"notify\":[\"" + NOTIFY + "\"]}");
    }

    @Test
    void aDsnToTheVerpAddressSuppressesIsRecordedAndNotified() throws Exception {
        String recipient = "gone@example.com";
        String verp = verpOf(recipient);

        // The remote MTA reports the alias it expanded to, not the address the relay sent to.
        SmtpClient.Reply reply = Feedback.deliverInbound(RELAY, "", verp,
            Feedback.dsn(verp, "gone.alias@forward.example.net", "5.1.1", "550 5.1.1 <gone.alias@forward.example.net>: Recipient address rejected: User unknown"));
        assertThat(reply.code()).isEqualTo(250);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient).status()).isEqualTo(200));
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient).json().get("reason").asText()).isEqualTo("hard_bounce");
        assertThat(Feedback.eventsOf(RELAY, recipient, "bounced")).singleElement().satisfies(event -> {
            assertThat(event.get("status").asText()).isEqualTo("5.1.1");
            assertThat(event.get("reason").asText()).isEqualTo("user_unknown");
            assertThat(event.get("diagnostic").asText()).contains("User unknown");
            assertThat(event.get("customId").asText()).isEqualTo("cust-1");
        });
        JsonNode bounces = RELAY.webAdmin().get("/smtpplus/bounces?account=shop&type=hard").json();
        assertThat(bounces).filteredOn(bounce -> bounce.get("recipient").asText().equals(recipient)).singleElement()
            .satisfies(bounce -> {
                assertThat(bounce.get("status").asText()).isEqualTo("5.1.1");
                assertThat(bounce.get("account").asText()).isEqualTo("shop");
                assertThat(bounce.get("messageId").asText()).isNotEmpty();
            });
        assertThat(RELAY.webAdmin().get("/smtpplus/bounces?format=csv").body())
            .startsWith("recipient,type,reason,status,diagnostic,at,account,messageId")
            .contains(recipient + ",hard,user_unknown,5.1.1,");
        ReceivedMessage notification = awaitNotificationAbout(recipient);
        assertThat(notification.text("text/plain")).contains("5.1.1", "User unknown", "Reason:     user_unknown");
        assertThat(notification.header("Auto-Submitted")).contains("auto-generated");

        Feedback.assertNextMessageSuppressed(RELAY, recipient, "{}");
    }

    @Test
    void aReplayedBounceChangesNothingMore() throws Exception {
        String recipient = "replayed@example.com";
        String verp = verpOf(recipient);
        String dsn = Feedback.dsn(verp, recipient, "5.1.1", "550 5.1.1 user unknown");

        Feedback.deliverInbound(RELAY, "", verp, dsn);
        awaitNotificationAbout(recipient);
        assertThat(Feedback.deliverInbound(RELAY, "", verp, dsn).code()).isEqualTo(250);

        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(Feedback.eventsOf(RELAY, recipient, "bounced")).hasSize(1);
            assertThat(notificationsAbout(recipient)).hasSize(1);
        });
    }

    @Test
    void aPolicyBlockIsListedButNeverSuppresses() throws Exception {
        String recipient = "blocked@example.com";
        String verp = verpOf(recipient);

        Feedback.deliverInbound(RELAY, "", verp, Feedback.dsn(verp, recipient, "5.7.1",
            "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Feedback.eventsOf(RELAY, recipient, "bounced")).hasSize(1));
        assertThat(RELAY.webAdmin().get("/smtpplus/bounces?type=block").json())
            .anySatisfy(bounce -> assertThat(bounce.get("recipient").asText()).isEqualTo(recipient));
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient).status()).isEqualTo(404);
    }

    @Test
    void theThirdSoftBouncedMessageSuppresses() throws Exception {
        String recipient = "full@example.com";
        for (int message = 1; message <= 3; message++) {
            String verp = verpOf(recipient);
            Feedback.deliverInbound(RELAY, "", verp, Feedback.dsn(verp, recipient, "5.2.2", "552 5.2.2 Mailbox full"));
            int expected = message;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Feedback.eventsOf(RELAY, recipient, "bounced")).hasSize(expected));
            assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient).status()).isEqualTo(message < 3 ? 404 : 200);
        }
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient).json().get("reason").asText()).isEqualTo("soft_bounce");
    }

    @Test
    void aSpamComplaintSuppressesGloballyAndIsAComplainedEvent() throws Exception {
        String recipient = "complainer@example.com";
        String verp = verpOf(recipient);

        // RFC 5965: a feedback report as a mailbox provider's feedback loop sends one, recipient redacted
        String arf = "From: feedback@fbl.example.net\n"
            + "To: " + verp + "\n"
            + "Subject: FW: Your order\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"ARF\"\n"
            + "\n"
            + "--ARF\n"
            + "Content-Type: text/plain\n"
            + "\n"
            + "This is an email abuse report for an email message received from IP 192.0.2.10.\n"
            + "\n"
            + "--ARF\n"
            + "Content-Type: message/feedback-report\n"
            + "\n"
            + "Feedback-Type: abuse\n"
            + "User-Agent: ExampleFBL/1.0\n"
            + "Version: 1\n"
            + "Source-IP: 192.0.2.10\n"
            + "\n"
            + "--ARF\n"
            + "Content-Type: text/rfc822-headers\n"
            + "\n"
            + "From: app@shop.example\n"
            + "To: redacted@example.com\n"
            + "Subject: Your order\n"
            + "\n"
            + "--ARF--\n";
        assertThat(Feedback.deliverInbound(RELAY, "", verp, arf).code()).isEqualTo(250);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Feedback.eventsOf(RELAY, recipient, "complained")).hasSize(1));
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient).json().get("reason").asText()).isEqualTo("complaint");
        assertThat(Feedback.eventsOf(RELAY, recipient, "complained").get(0).get("customId").asText()).isEqualTo("cust-1");
    }

    @Test
    void autoRepliesSuccessReportsAndGarbageChangeNothing() throws Exception {
        String recipient = "away@example.com";
        String verp = verpOf(recipient);

        List<String> notBounces = List.of(
            "From: " + recipient + "\nSubject: Out of office\nAuto-Submitted: auto-replied\n\nI am away until Monday.\n",
            "Subject: \u0001 garbage\n\n\u00ff\u00fe\n--x\n",
            Feedback.dsn(verp, recipient, "2.0.0", "250 2.0.0 OK").replace("Action: failed", "Action: delivered"));
        for (String message : notBounces) {
            assertThat(Feedback.deliverInbound(RELAY, "", verp, message).code()).isEqualTo(250);
        }
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(Feedback.eventsOf(RELAY, recipient, "bounced")).isEmpty();
            assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient).status()).isEqualTo(404);
        });
    }

    private static String verpOf(String recipient) throws Exception {
        return Feedback.returnPath(Feedback.sendAndReceive(RELAY, "shop", recipient, "{\"customId\":\"cust-1\"}"));
    }

    private static ReceivedMessage awaitNotificationAbout(String recipient) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(notificationsAbout(recipient)).isNotEmpty());
        return notificationsAbout(recipient).get(0);
    }

    private static List<ReceivedMessage> notificationsAbout(String recipient) {
        List<ReceivedMessage> notifications = new ArrayList<>();
        RELAY.delivered().getOrDefault(NOTIFY, List.of()).forEach(raw -> {
            ReceivedMessage message = new ReceivedMessage(raw);
            if (message.subject().contains(recipient)) {
                notifications.add(message);
            }
        });
        return notifications;
    }
}
