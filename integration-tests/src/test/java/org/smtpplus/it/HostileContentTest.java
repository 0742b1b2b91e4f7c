package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.it.SmtpClient.Reply;

/**
 * What an account's message can cost the relay, over real SMTP: nesting beyond the limit is refused at DATA, naming
 * it, and text built to make pattern matching slow (a merge tag that never closes, thousands of body tags) is
 * personalised and delivered as quickly as any other message. Before the parsers were made linear, the first made a
 * spool thread overflow its stack after the 250, and the others took minutes to hours per copy.
 */
class HostileContentTest {
    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension();

    private static final String ACCOUNT = "{\"password\":\"s3cret\","
        + "\"header\":{\"text\":\"Hello {{name|there}},\",\"html\":\"<p>Hello {{name|there}},</p>\"},"
        + "\"footer\":{\"text\":\"-- Shop\",\"html\":\"<p>-- Shop</p>\"}}";

    @Test
    void aMessageNestedBeyondTheLimitIsRefusedAtDataNamingIt() throws Exception {
        RELAY.webAdmin().putAccount("shop", ACCOUNT);
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            Reply refused = client.send("app@shop.example", List.of("bob@example.com"), nested(2_000));
            assertThat(refused.code()).isEqualTo(554);
            assertThat(refused.text()).startsWith("5.6.0").contains("16");

            assertThat(client.send("app@shop.example", List.of("ann@example.com"), nested(15)).code()).isEqualTo(250);
        }
        assertThat(RELAY.awaitDelivered(1)).containsOnlyKeys("ann@example.com");
    }

    @Test
    void textBuiltToMakePatternsBacktrackIsDeliveredLikeAnyOther() throws Exception {
        RELAY.webAdmin().putAccount("shop", ACCOUNT);
        // One decoded line: an open merge tag and 20,000 spaces (quoted-printable carries any length).
        String openTag = "{{a|" + " ".repeat(20_000) + "x";
        // A megabyte of body start tags that never close, over many lines.
        String bodyTags = "<body \r\n".repeat(128 * 1024);
        String message = Messages.crlf("From: app@shop.example\nTo: bob@example.com\nSubject: hostile\n"
            + "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"b\"\n\n"
            + "--b\nContent-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: quoted-printable\n\n")
            + quotedPrintable(openTag) + "\r\n"
            + Messages.crlf("--b\nContent-Type: text/html; charset=us-ascii\n\n")
            + bodyTags
            + Messages.crlf("--b--\n");
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            assertThat(client.send("app@shop.example", List.of("bob@example.com"), message.getBytes(StandardCharsets.US_ASCII)).code())
                .isEqualTo(250);
        }

        Map<String, List<byte[]>> delivered = RELAY.awaitDelivered(1, Duration.ofSeconds(60));
        ReceivedMessage copy = new ReceivedMessage(delivered.get("bob@example.com").get(0));
        assertThat(copy.rawText()).contains("Hello there,").contains("-- Shop");
    }

    // RFC 2045 section 6.7: soft line breaks every 76 characters carry one line of any length.
    private static String quotedPrintable(String line) {
        StringBuilder encoded = new StringBuilder();
        for (int start = 0; start < line.length(); start += 70) {
            String chunk = line.substring(start, Math.min(line.length(), start + 70));
            boolean last = start + 70 >= line.length();
            if (last && chunk.endsWith(" ")) {
                chunk = chunk.substring(0, chunk.length() - 1) + "=20";
            }
            encoded.append(chunk).append(last ? "" : "=\r\n");
        }
        return encoded.toString();
    }

    private static byte[] nested(int depth) {
        StringBuilder message = new StringBuilder("From: app@shop.example\r\nTo: x@example.com\r\nSubject: nested\r\nMIME-Version: 1.0\r\n");
        for (int level = 0; level < depth; level++) {
            message.append("Content-Type: multipart/mixed; boundary=\"b").append(level).append("\"\r\n\r\n--b").append(level).append("\r\n");
        }
        message.append("Content-Type: text/plain\r\n\r\nhello\r\n");
        for (int level = depth - 1; level >= 0; level--) {
            message.append("--b").append(level).append("--\r\n");
        }
        return message.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
