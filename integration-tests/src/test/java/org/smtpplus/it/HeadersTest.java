package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


/**
 * The headers receivers judge a copy by (docs/headers.md), over real SMTP with SMTPPLUS_HOSTNAME set: the relay names
 * itself by that name in its greeting, its Received field and its HELO to the next hop, never {@code localhost}; a
 * submission without Message-ID or Date gets them once, at acceptance, so that every copy and every event carries the
 * same Message-ID.
 */
class HeadersTest {
    private static final String HOSTNAME = "relay.test.example";
    // The client is another machine than the relay's (127.0.0.1 is "localhost" in /etc/hosts).
    private static final String CLIENT_ADDRESS = "127.0.0.2";
    private static final Pattern RELAY_MESSAGE_ID = Pattern.compile("<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@" + Pattern.quote(HOSTNAME) + ">");

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_HOSTNAME", HOSTNAME)
        .withSetting("SMTPPLUS_BOUNCE_DOMAIN", Feedback.BOUNCE_DOMAIN);

    @BeforeEach
    void account() {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
    }

    @Test
    void aMessageWithoutMessageIdAndDateGetsThemOnceNamingTheRelay() throws Exception {
        String message = Messages.crlf("From: app@shop.example\n"
            + "To: ann@example.com, bob@example.com\n"
            + "Subject: No id, no date\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: text/plain; charset=us-ascii\n"
            + "\n"
            + "Hello {{email}}\n");
        ZonedDateTime before = ZonedDateTime.now().minusSeconds(2);
        try (SmtpClient client = SmtpClient.connectFrom(CLIENT_ADDRESS, RELAY.relay().smtpPort())) {
            assertThat(client.greeting().text()).startsWith(HOSTNAME + " ");
            assertThat(client.ehlo().text()).startsWith(HOSTNAME + " ");
            assertThat(client.authPlain("shop", "s3cret").code()).isEqualTo(235);
            assertThat(client.send("app@shop.example", List.of("ann@example.com", "bob@example.com"),
                message.getBytes(StandardCharsets.US_ASCII)).code()).isEqualTo(250);
        }

        Map<String, List<byte[]>> delivered = RELAY.awaitDelivered(2);
        List<String> messageIds = new ArrayList<>();
        for (String recipient : List.of("ann@example.com", "bob@example.com")) {
            ReceivedMessage copy = new ReceivedMessage(delivered.get(recipient).get(0));
            assertThat(copy.headers("Message-ID")).as(copy.rawHeader()).singleElement()
                .satisfies(id -> assertThat(id.trim()).matches(RELAY_MESSAGE_ID));
            messageIds.add(copy.headers("Message-ID").get(0).trim());
            assertThat(copy.headers("Date")).as(copy.rawHeader()).singleElement().satisfies(date ->
                assertThat(ZonedDateTime.parse(date.trim().replaceAll("\\s*\\(.*\\)$", ""), DateTimeFormatter.RFC_1123_DATE_TIME))
                    .isAfter(before).isBefore(ZonedDateTime.now().plusSeconds(2)));
            assertReceivedByRelayAndNoLocalhost(copy);
        }
        assertThat(messageIds.get(0)).isEqualTo(messageIds.get(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/events?recipient=ann@example.com").json())
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.get("messageId").asText()).isEqualTo(messageIds.get(0))));
    }

    @Test
    void theSendersOwnMessageIdAndDateAreKept() throws Exception {
        String message = Messages.crlf("From: app@shop.example\n"
            + "To: cid@example.com\n"
            + "Subject: Own id and date\n"
            + "Date: Sat, 5 Dec 2026 09:30:00 +0100\n"
            + "Message-ID: <order-42@shop.example>\n"
            + "\n"
            + "Hello\n");
        try (SmtpClient client = SmtpClient.connectFrom(CLIENT_ADDRESS, RELAY.relay().smtpPort())) {
            client.ehlo();
            assertThat(client.authPlain("shop", "s3cret").code()).isEqualTo(235);
            assertThat(client.send("app@shop.example", List.of("cid@example.com"), message.getBytes(StandardCharsets.US_ASCII)).code())
                .isEqualTo(250);
        }

        ReceivedMessage copy = new ReceivedMessage(RELAY.awaitDelivered(1).get("cid@example.com").get(0));
        assertThat(copy.headers("Message-ID")).singleElement().satisfies(id -> assertThat(id.trim()).isEqualTo("<order-42@shop.example>"));
        assertThat(copy.headers("Date")).singleElement().satisfies(date -> assertThat(date.trim()).isEqualTo("Sat, 5 Dec 2026 09:30:00 +0100"));
        assertReceivedByRelayAndNoLocalhost(copy);
    }

    // GreenMail's own Received field, on top, names the HELO the relay gave it; the relay's, below, names the relay.
    private static void assertReceivedByRelayAndNoLocalhost(ReceivedMessage copy) {
        List<String> received = copy.headers("Received");
        assertThat(received).as(copy.rawHeader()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(received.get(0)).as(copy.rawHeader()).contains("(HELO " + HOSTNAME + ")");
        assertThat(received.get(1).replaceAll("\\s+", " ")).as(copy.rawHeader())
            .contains("from " + CLIENT_ADDRESS + " (EHLO client.example)").contains("by " + HOSTNAME + " ");
        assertThat(copy.rawHeader().toLowerCase(Locale.ROOT)).as(copy.rawHeader()).doesNotContain("localhost");
    }
}
