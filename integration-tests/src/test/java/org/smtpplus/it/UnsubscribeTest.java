package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Unsubscribing (docs/headers.md#what-each-recipient-receives and docs/api.md#public-endpoints) over real SMTP and
 * HTTP: every copy carries its VERP return path and the
 * RFC 8058 one-click headers; the one-click POST and the mailto address both unsubscribe, after which the list's next
 * message is suppressed; a GET changes nothing; forged tokens change nothing anywhere.
 */
class UnsubscribeTest {
    private static final String NEWSLETTER = "{\"list\":\"newsletter\",\"customId\":\"cust-9\"}";
    private static final String REFUSED_TOKEN = "Refused an unsubscribe link whose token does not verify";
    private static final int FLOOD = 200;

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_BOUNCE_DOMAIN", Feedback.BOUNCE_DOMAIN);

    @BeforeEach
    void account() {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
    }

    @Test
    void eachCopyCarriesItsVerpReturnPathAndTheOneClickHeaders() throws Exception {
        ReceivedMessage copy = Feedback.sendAndReceive(RELAY, "shop", "headers@example.com", NEWSLETTER);

        String token = Feedback.token(copy);
        assertThat(Feedback.returnPath(copy)).matches("bounces\\+[A-Za-z0-9_-]+@" + Feedback.BOUNCE_DOMAIN.replace(".", "\\."))
            .as("the return path has a token of its own").doesNotContain(token);
        assertThat(copy.header("List-Unsubscribe-Post")).contains("List-Unsubscribe=One-Click");
        assertThat(copy.text("text/plain")).contains("Leave: " + RELAY.relay().publicUrl() + "/u/" + token);
        assertThat(copy.rawHeader().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
    }

    @Test
    void aDirectiveCanLeaveTheHeadersOut() throws Exception {
        ReceivedMessage copy = Feedback.sendAndReceive(RELAY, "shop", "noheaders@example.com", "{\"unsubscribe\":false}");

        assertThat(copy.header("List-Unsubscribe")).isEmpty();
        assertThat(copy.header("List-Unsubscribe-Post")).isEmpty();
        assertThat(copy.header("Return-Path").orElseThrow()).startsWith("<bounces+");
    }

    @Test
    void oneClickUnsubscribesOnceAndTheListsNextMessageIsSuppressed() throws Exception {
        String recipient = "oneclick@example.com";
        String token = Feedback.token(Feedback.sendAndReceive(RELAY, "shop", recipient, NEWSLETTER));

        HttpResponse<String> page = Feedback.get(RELAY, token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form", "method=\"post\"", recipient);
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient + "?list=newsletter").status()).isEqualTo(404);

        for (int click = 0; click < 2; click++) {
            HttpResponse<String> done = Feedback.oneClick(RELAY, token);
            assertThat(done.statusCode()).isEqualTo(200);
            assertThat(done.headers().firstValue("Location")).isEmpty();
        }

        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient + "?list=newsletter").json().get("reason").asText())
            .isEqualTo("unsubscribe");
        assertThat(RELAY.webAdmin().get("/smtpplus/lists/newsletter/subscribers/" + recipient).json().get("status").asText())
            .isEqualTo("unsubscribed");
        assertThat(Feedback.eventsOf(RELAY, recipient, "unsubscribed")).singleElement()
            .satisfies(event -> assertThat(event.get("customId").asText()).isEqualTo("cust-9"));
        Feedback.assertNextMessageSuppressed(RELAY, recipient, NEWSLETTER);
    }

    @Test
    void anUnsubscribeMailUnsubscribes() throws Exception {
        String recipient = "bymail@example.com";
        String token = Feedback.token(Feedback.sendAndReceive(RELAY, "shop", recipient, NEWSLETTER));

        SmtpClient.Reply reply = Feedback.deliverInbound(RELAY, recipient, "unsubscribe+" + token + "@" + Feedback.BOUNCE_DOMAIN,
            "From: " + recipient + "\nTo: unsubscribe@" + Feedback.BOUNCE_DOMAIN + "\nSubject: unsubscribe\n\nunsubscribe\n");
        assertThat(reply.code()).isEqualTo(250);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient + "?list=newsletter").status()).isEqualTo(200));
        Feedback.assertNextMessageSuppressed(RELAY, recipient, NEWSLETTER);
    }

    @Test
    void forgedTokensChangeNothing() throws Exception {
        String recipient = "forged@example.com";
        String token = Feedback.token(Feedback.sendAndReceive(RELAY, "shop", recipient, NEWSLETTER));
        String tampered = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);

        assertThat(Feedback.oneClick(RELAY, tampered).statusCode()).isEqualTo(400);
        assertThat(Feedback.get(RELAY, tampered).statusCode()).isEqualTo(400);
        assertThat(Feedback.oneClick(RELAY, "garbage").statusCode()).isEqualTo(400);
        // The unsubscribe link, seen by whoever the message is forwarded to, is no return path: it reports no bounce.
        for (String address : List.of("unsubscribe+" + tampered, "bounces+" + tampered, "bounces+" + token, "unsubscribe+garbage",
            "postmaster", "anything")) {
            SmtpClient.Reply refused = Feedback.deliverInbound(RELAY, "", address + "@" + Feedback.BOUNCE_DOMAIN, "Subject: x\n\nx\n");
            assertThat(refused.code()).as(address).isEqualTo(550);
            assertThat(refused.toString()).contains("5.1.1");
        }

        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient + "?list=newsletter").status()).isEqualTo(404);
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient).status()).isEqualTo(404);
        assertThat(RELAY.webAdmin().get("/smtpplus/lists/newsletter/subscribers/" + recipient).json().get("status").asText())
            .isEqualTo("active");
    }

    @Test
    void aFloodOfInvalidTokensLogsAFewLinesNotOneEach() throws Exception {
        long before = refusedTokenLines();

        // Within the listener's default limit of 600 requests a minute per address.
        for (int request = 0; request < FLOOD; request++) {
            assertThat(Feedback.oneClick(RELAY, "flood" + request).statusCode()).isEqualTo(400);
        }

        // One line a minute: a flood shorter than two minutes writes two at most (one if one was written just before).
        assertThat(refusedTokenLines() - before).isLessThanOrEqualTo(2);
        assertThat(refusedTokenLines()).as("operators still see examples").isPositive();
    }

    @Test
    void theBounceDomainRelaysNothing() throws Exception {
        String returnPath = Feedback.returnPath(Feedback.sendAndReceive(RELAY, "shop", "norelay@example.com", NEWSLETTER));

        SmtpClient.Reply reply = Feedback.deliverInbound(RELAY, returnPath,
            "victim@elsewhere.example", "Subject: spam\n\nspam\n");

        assertThat(reply.code()).isBetween(500, 599);
    }

    private static long refusedTokenLines() throws Exception {
        return RELAY.relay().log().lines().filter(line -> line.contains(REFUSED_TOKEN)).count();
    }
}
