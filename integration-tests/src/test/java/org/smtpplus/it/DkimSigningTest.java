package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DKIM signing over real SMTP (docs/deliverability.md): each copy as the gateway received it is
 * verified by dkimpy, an independent verifier, against the TXT records the relay's WebAdmin publishes. The gateway
 * (GreenMail) announces no 8BITMIME, so every copy also went through RemoteDelivery's 7-bit conversion.
 */
class DkimSigningTest {
    private static final String RELAY_DOMAIN = "relay.example";
    private static final String OPERATOR = "ops@operator.example";
    private static final String ACCOUNT = "{\"password\":\"s3cret\","
        + "\"header\":{\"text\":\"HEADER {{email}}\",\"html\":\"<div id=\\\"hdr\\\">HEADER {{email}}</div>\"},"
        + "\"footer\":{\"text\":\"FOOTER caffè\",\"html\":\"<div id=\\\"ftr\\\">FOOTER caffè</div>\"}}";

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_DKIM_DOMAIN", RELAY_DOMAIN)
        .withSetting("SMTPPLUS_POSTMASTER", OPERATOR);

    @BeforeEach
    void accountsAndDomain() {
        RELAY.webAdmin().putAccount("shop", ACCOUNT);
        RELAY.webAdmin().putAccount("other", "{\"password\":\"s3cret\"}");
        WebAdminClient.Response domain = RELAY.webAdmin().put("/smtpplus/domains/shop.example", "{\"account\":\"shop\"}");
        assertThat(domain.status()).as(domain.toString()).isBetween(200, 204);
    }

    @Test
    void aCopyOfARegisteredDomainVerifiesWithItsKeyOverTheContractFieldsFromOversigned() throws Exception {
        byte[] copy = sendAndReceive("shop", "ann@example.com", dated("Shop <app@shop.example>", "ann@example.com", "Thanks"));

        Map<String, String> tags = DkimVerifier.signatureTags(copy);
        assertThat(tags).containsEntry("v", "1").containsEntry("a", "rsa-sha256").containsEntry("c", "relaxed/relaxed")
            .containsEntry("d", "shop.example").containsKey("s").containsKey("t");
        // The signed fields docs/deliverability.md lists that the copy has (no Cc, no Reply-To), From once more, and the one-click headers
        assertThat(tags.get("h")).isEqualTo("from:from:to:subject:date:message-id:mime-version:content-type"
            + ":list-unsubscribe:list-unsubscribe-post");
        assertThat(DkimVerifier.withRecordsOf(RELAY.webAdmin(), "shop.example").verify(copy).passes()).isTrue();
        // The relay's key is not the domain's
        assertThat(DkimVerifier.withRecordsOf(RELAY.webAdmin(), RELAY_DOMAIN).verify(copy).passes()).isFalse();
    }

    @Test
    void oneChangedByteOfTheBodyOrOfTheSubjectOrAnAddedFromFailsVerification() throws Exception {
        byte[] copy = sendAndReceive("shop", "bob@example.com", dated("app@shop.example", "bob@example.com", "Thanks"));
        DkimVerifier verifier = DkimVerifier.withRecordsOf(RELAY.webAdmin(), "shop.example");
        assertThat(verifier.verify(copy).passes()).isTrue();

        assertThat(verifier.verify(replaced(copy, "Thanks", "Thankz")).passes()).isFalse();
        assertThat(verifier.verify(replaced(copy, "Subject: Your order", "Subject: Your ordes")).passes()).isFalse();
        // RFC 6376 section 5.4.2: From is listed once more than the copy has it, so no From can be added
        assertThat(verifier.verify(replaced(copy, "\r\nTo: ", "\r\nFrom: ceo@evil.example\r\nTo: ")).passes()).isFalse();
    }

    @Test
    void aCopyOfAnUnregisteredDomainVerifiesWithTheRelaysKey() throws Exception {
        byte[] copy = sendAndReceive("shop", "carl@example.com",
            Messages.simple("app@unregistered.example", "carl@example.com", "Hello", "Body"));

        assertThat(DkimVerifier.signatureTags(copy)).containsEntry("d", RELAY_DOMAIN);
        assertThat(DkimVerifier.withRecordsOf(RELAY.webAdmin(), RELAY_DOMAIN).verify(copy).passes()).isTrue();
    }

    @Test
    void anotherAccountsCopyWithTheDomainInFromIsNotSignedWithTheDomainsKey() throws Exception {
        byte[] copy = sendAndReceive("other", "dora@example.com",
            Messages.simple("app@shop.example", "dora@example.com", "Hello", "Body"));

        assertThat(DkimVerifier.signatureTags(copy)).containsEntry("d", RELAY_DOMAIN);
        assertThat(DkimVerifier.withRecordsOf(RELAY.webAdmin(), RELAY_DOMAIN).verify(copy).passes()).isTrue();
        assertThat(DkimVerifier.withRecordsOf(RELAY.webAdmin(), "shop.example").verify(copy).passes()).isFalse();
    }

    @Test
    void anEightBitTextBodyLeavesQuotedPrintableAndVerifies() throws Exception {
        String body = "Grazie per l'ordine: caffè, brioche e cornetti già pronti. \u65e5\u672c";
        String message = Messages.crlf("From: app@shop.example\nTo: eva@example.com\nSubject: Ordine\nMIME-Version: 1.0\n"
            + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + body + "\n");

        byte[] copy = sendAndReceive("shop", "eva@example.com", message);

        assertThat(DkimVerifier.withRecordsOf(RELAY.webAdmin(), "shop.example").verify(copy).passes()).isTrue();
        assertThat(sevenBit(copy)).isTrue();
        assertThat(new ReceivedMessage(copy).text("text/plain")).contains(body, "FOOTER caffè");
    }

    @Test
    void anAlternativeBodyWithHeaderFooterAndEightBitAndBinaryAttachmentsVerifies() throws Exception {
        byte[] eightBit = highBytes(3, 40, 70);
        // RFC 3030 binary content, without CR or LF (SMTP DATA would end its lines) but with lines longer than 998
        byte[] binary = highBytes(5, 1, 1500);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(Messages.crlf("From: app@shop.example\nTo: finn@example.com\nSubject: Fattura\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=\"mix\"\nContent-Transfer-Encoding: 8bit\n\n"
            + "--mix\nContent-Type: multipart/alternative; boundary=\"alt\"\n\n"
            + "--alt\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nLa fattura è qui.\n"
            + "--alt\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
            + "<html><body><p>La fattura è qui.</p></body></html>\n"
            + "--alt--\n"
            + "--mix\nContent-Type: application/octet-stream; name=\"a.bin\"\n"
            + "Content-Disposition: attachment; filename=\"a.bin\"\nContent-Transfer-Encoding: 8bit\n\n")
            .getBytes(StandardCharsets.UTF_8));
        message.write(eightBit);
        message.write(Messages.crlf("\n--mix\nContent-Type: application/octet-stream; name=\"b.bin\"\n"
            + "Content-Disposition: attachment; filename=\"b.bin\"\nContent-Transfer-Encoding: binary\n\n")
            .getBytes(StandardCharsets.UTF_8));
        message.write(binary);
        message.write(Messages.crlf("\n--mix--\n").getBytes(StandardCharsets.UTF_8));

        byte[] copy = sendAndReceive("shop", "finn@example.com", message.toByteArray());

        DkimVerifier.Result result = DkimVerifier.withRecordsOf(RELAY.webAdmin(), "shop.example").verify(copy);
        assertThat(result.passes()).as(result.toString()).isTrue();
        assertThat(sevenBit(copy)).isTrue();
        ReceivedMessage received = new ReceivedMessage(copy);
        assertThat(received.text("text/plain")).containsSubsequence("HEADER finn@example.com", "La fattura è qui.", "FOOTER caffè");
        assertThat(received.text("text/html")).containsSubsequence("<div id=\"hdr\">", "La fattura è qui.", "<div id=\"ftr\">");
        assertThat(received.attachments()).containsExactly(eightBit, binary);
    }

    @Test
    void mailOfNoAccountIsSignedTooWithTheRelaysKey() throws Exception {
        // A stranger's 8-bit mail to the postmaster, forwarded to the operator (SMTPPLUS_POSTMASTER)
        String message = Messages.crlf("From: someone@elsewhere.example\nTo: postmaster@localhost\nSubject: Abuse report\n"
            + "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nPerché?\n");
        try (SmtpClient stranger = SmtpClient.connect(RELAY.relay().smtpPort())) {
            stranger.ehlo();
            SmtpClient.Reply reply = stranger.send("someone@elsewhere.example", List.of("postmaster@localhost"),
                message.getBytes(StandardCharsets.UTF_8));
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }

        byte[] forwarded = RELAY.awaitDelivered(1).get(OPERATOR).get(0);

        assertThat(DkimVerifier.signatureTags(forwarded)).containsEntry("d", RELAY_DOMAIN);
        assertThat(DkimVerifier.withRecordsOf(RELAY.webAdmin(), RELAY_DOMAIN).verify(forwarded).passes()).isTrue();
        assertThat(new ReceivedMessage(forwarded).text("text/plain")).contains("Perché?");
    }

    /** Lines of high bytes (0x80 to 0xFF, no NUL, CR or LF) separated by CRLF. */
    private static byte[] highBytes(int seed, int lines, int lineLength) {
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int line = 0; line < lines; line++) {
            if (line > 0) {
                out.writeBytes(new byte[] {'\r', '\n'});
            }
            for (int i = 0; i < lineLength; i++) {
                out.write(0x80 + random.nextInt(0x80));
            }
        }
        return out.toByteArray();
    }

    private static boolean sevenBit(byte[] message) {
        for (byte b : message) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** As applications write it: with a Date, which James would otherwise add after the signature. */
    private static String dated(String from, String to, String body) {
        return Messages.crlf("Date: Sun, 06 Dec 2026 08:00:00 +0100\n") + Messages.simple(from, to, "Your order", body);
    }

    private static byte[] replaced(byte[] message, String from, String to) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(from);
        return text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to))
            .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] sendAndReceive(String account, String recipient, String message) throws Exception {
        return sendAndReceive(account, recipient, message.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sendAndReceive(String account, String recipient, byte[] message) throws Exception {
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, account)) {
            SmtpClient.Reply reply = client.send("app@shop.example", List.of(recipient), message);
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
        List<byte[]> copies = RELAY.awaitDelivered(1).get(recipient);
        assertThat(copies).as("copies for " + recipient).hasSize(1);
        return copies.get(0);
    }
}
