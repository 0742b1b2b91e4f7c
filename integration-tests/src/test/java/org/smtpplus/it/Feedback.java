package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the unsubscribe and bounce tests share: sending one message to one recipient and reading its copy's token,
 * the public endpoints, and inbound mail to the bounce domain as a remote MTA sends it.
 */
final class Feedback {
    static final String BOUNCE_DOMAIN = "bounces.test";
    private static final Pattern LIST_UNSUBSCRIBE = Pattern.compile(
        "<(http://[^>]+/u/([A-Za-z0-9_-]+))>,\\s*<mailto:unsubscribe\\+([A-Za-z0-9_-]+)@[a-z0-9.-]+>");
    private static final HttpClient HTTP = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private Feedback() {
    }

    /** Sends one message of {@code account} to {@code recipient} and returns the copy it received. */
    static ReceivedMessage sendAndReceive(RelayExtension relay, String account, String recipient, String directive) throws Exception {
        int before = relay.gateway().getReceivedMessages().length;
        try (SmtpClient client = SmtpAccessTest.authenticated(relay, account)) {
            SmtpClient.Reply reply = client.send("app@shop.example", List.of(recipient), Messages.withDirective(directive,
                Messages.simple("app@shop.example", recipient, "Your order", "Leave: {{unsubscribe_url}}"))
                .getBytes(StandardCharsets.UTF_8));
            assertThat(reply.code()).isEqualTo(250);
        }
        relay.awaitDelivered(before + 1);
        List<byte[]> copies = relay.delivered().get(recipient);
        return new ReceivedMessage(copies.get(copies.size() - 1));
    }

    static List<JsonNode> eventsOf(RelayExtension relay, String recipient, String type) {
        List<JsonNode> matching = new ArrayList<>();
        relay.webAdmin().get("/smtpplus/events?recipient=" + recipient).json().forEach(event -> {
            if (event.get("event").asText().equals(type)) {
                matching.add(event);
            }
        });
        return matching;
    }

    /** The next message of the list to the recipient and another one reaches the other one only. */
    static void assertNextMessageSuppressed(RelayExtension relay, String recipient, String directive) throws Exception {
        int before = relay.gateway().getReceivedMessages().length;
        try (SmtpClient client = SmtpAccessTest.authenticated(relay, "shop")) {
            client.send("app@shop.example", List.of(recipient, "still-subscribed@example.com"), Messages.withDirective(directive,
                Messages.simple("app@shop.example", recipient, "Next", "body")).getBytes(StandardCharsets.UTF_8));
        }
        relay.awaitDelivered(before + 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventsOf(relay, recipient, "suppressed")).hasSize(1));
        assertThat(relay.delivered().get(recipient)).hasSize(1);
    }

    /** The copy's VERP return path, {@code bounces+TOKEN@...}, as the gateway recorded it in Return-Path. */
    static String returnPath(ReceivedMessage copy) {
        String returnPath = copy.header("Return-Path").orElseThrow(() -> new AssertionError("No Return-Path in\n" + copy.rawHeader()))
            .trim().replaceAll("^<|>$", "");
        assertThat(returnPath).startsWith("bounces+");
        return returnPath;
    }

    /** The copy's unsubscribe token, as its List-Unsubscribe header names it (the same in the link and the mailto address). */
    static String token(ReceivedMessage copy) {
        String header = copy.header("List-Unsubscribe").orElseThrow(() -> new AssertionError("No List-Unsubscribe in\n" + copy.rawHeader()));
        Matcher matcher = LIST_UNSUBSCRIBE.matcher(header.replaceAll("\\s+", " "));
        assertThat(matcher.find()).as("List-Unsubscribe: %s", header).isTrue();
        assertThat(matcher.group(2)).isEqualTo(matcher.group(3));
        return matcher.group(2);
    }

    static HttpResponse<String> get(RelayExtension relay, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(relay.relay().publicUrl() + "/u/" + token)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> oneClick(RelayExtension relay, String token) throws Exception {
        return oneClick(relay.relay(), token);
    }

    /** RFC 8058 section 3.2: what a mailbox provider sends when its user clicks unsubscribe. */
    static HttpResponse<String> oneClick(RelayProcess relay, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(relay.publicUrl() + "/u/" + token))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** An unauthenticated SMTP transaction, as a remote MTA delivers a bounce or a mail client an unsubscribe mail. */
    static SmtpClient.Reply deliverInbound(RelayExtension relay, String sender, String recipient, String message) throws Exception {
        return deliverInbound(relay.relay(), sender, recipient, message);
    }

    static SmtpClient.Reply deliverInbound(RelayProcess relay, String sender, String recipient, String message) throws Exception {
        try (SmtpClient client = SmtpClient.connect(relay.smtpPort())) {
            client.ehlo();
            SmtpClient.Reply mail = client.mailFrom(sender);
            assertThat(mail.code()).isEqualTo(250);
            SmtpClient.Reply rcpt = client.rcptTo(recipient);
            if (rcpt.code() != 250) {
                return rcpt;
            }
            return client.data(Messages.crlf(message));
        }
    }

    /** An RFC 3464 delivery status notification, as Postfix writes one, about {@code finalRecipient}. */
    static String dsn(String verpAddress, String finalRecipient, String status, String diagnostic) {
        return "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\n"
            + "To: " + verpAddress + "\n"
            + "Subject: Undelivered Mail Returned to Sender\n"
            + "Auto-Submitted: auto-replied\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"BOUNDARY\"\n"
            + "\n"
            + "--BOUNDARY\n"
            + "Content-Type: text/plain; charset=us-ascii\n"
            + "\n"
            + "This is the mail system at host mx.example.net.\n"
            + "I'm sorry to have to inform you that your message could not be delivered.\n"
            + "\n"
            + "--BOUNDARY\n"
            + "Content-Type: message/delivery-status\n"
            + "\n"
            + "Reporting-MTA: dns; mx.example.net\n"
            + "Arrival-Date: Sun, 22 Nov 2026 10:00:00 +0000\n"
            + "\n"
            + "Final-Recipient: rfc822; " + finalRecipient + "\n"
            + "Original-Recipient: rfc822; " + finalRecipient + "\n"
            + "Action: failed\n"
            + "Status: " + status + "\n"
            + "Diagnostic-Code: smtp; " + diagnostic + "\n"
            + "\n"
            + "--BOUNDARY\n"
            + "Content-Type: text/rfc822-headers\n"
            + "\n"
            + "From: app@shop.example\n"
            + "Subject: Your order\n"
            + "\n"
            + "--BOUNDARY--\n";
    }
}
