package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/headers.md#what-each-recipient-receives over real SMTP, as each recipient's mailbox at the gateway sees it.
 */
class PersonalizationTest {
    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension();

    private static final String ACCOUNT = "{\"password\":\"s3cret\",\"defaultList\":\"customers\","
        + "\"passthroughHeaders\":[\"X-Order-Ref\"],"
        + "\"header\":{\"text\":\"HEADER for {{name|friend}}\",\"html\":\"<div id=\\\"hdr\\\">HEADER for {{name|friend}}</div>\"},"
        + "\"footer\":{\"text\":\"FOOTER {{email}}\",\"html\":\"<div id=\\\"ftr\\\">FOOTER {{email}}</div>\"}}";

    @BeforeEach
    void account() {
        RELAY.webAdmin().putAccount("shop", ACCOUNT);
    }

    @Test
    void eachEnvelopeRecipientGetsItsOwnCopyAndABccRecipientIsAddressedInTo() throws Exception {
        String message = Messages.crlf("From: Shop <app@shop.example>\n"
            + "To: Ann <ann@example.com>\n"
            + "Cc: carl@example.com\n"
            + "Bcc: bea@example.com\n"
            + "Subject: Order for {{name|customer}}\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: text/plain; charset=utf-8\n"
            + "\n"
            + "Dear {{name|customer}}, your code is {{code}}.\n");
        String directive = "{\"vars\":{\"code\":\"V-1\"},\"rcptVars\":{\"Ann@Example.com\":{\"name\":\"Ann\",\"code\":\"A-9\"}}}";

        SmtpAccessTest.sendAsShop(RELAY, List.of("ann@example.com", "carl@example.com", "bea@example.com"), Messages.withDirective(directive, message));

        Map<String, List<byte[]>> delivered = RELAY.awaitDelivered(3);
        assertThat(delivered).containsOnlyKeys("ann@example.com", "carl@example.com", "bea@example.com");
        ReceivedMessage ann = ReceivedMessage.only(delivered, "ann@example.com");
        ReceivedMessage carl = ReceivedMessage.only(delivered, "carl@example.com");
        ReceivedMessage bea = ReceivedMessage.only(delivered, "bea@example.com");

        assertThat(ann.subject()).isEqualTo("Order for Ann");
        assertThat(ann.text("text/plain")).contains("Dear Ann, your code is A-9.");
        assertThat(carl.subject()).isEqualTo("Order for customer");
        assertThat(carl.text("text/plain")).contains("Dear customer, your code is V-1.");

        assertThat(ann.header("To")).hasValueSatisfying(to -> assertThat(to).contains("ann@example.com"));
        assertThat(carl.header("To")).hasValueSatisfying(to -> assertThat(to).contains("ann@example.com"));
        assertThat(bea.headers("To")).containsExactly("bea@example.com");
        for (ReceivedMessage copy : List.of(ann, carl, bea)) {
            assertThat(copy.headers("Bcc")).isEmpty();
            assertThat(copy.headers("X-SmtpPlus")).isEmpty();
        }
    }

    @Test
    void mergeFollowsThePrecedenceAndBuiltIns() throws Exception {
        String message = Messages.simple("app@shop.example", "ann@example.com", "Hi",
            "rcpt={{Name}} var={{city}} email={{EMAIL}} list={{list}} id={{custom_id}} none={{missing}}! fb={{missing|dflt}}");
        String directive = "{\"customId\":\"cust-42\",\"vars\":{\"name\":\"Vars\",\"city\":\"Rome\"},"
            + "\"rcptVars\":{\"ann@example.com\":{\"name\":\"Rcpt\"}}}";

        SmtpAccessTest.sendAsShop(RELAY, List.of("ann@example.com"), Messages.withDirective(directive, message));

        String text = ReceivedMessage.only(RELAY.awaitDelivered(1), "ann@example.com").text("text/plain");
        assertThat(text).contains("rcpt=Rcpt var=Rome email=ann@example.com list=customers id=cust-42 none=! fb=dflt");
    }

    @Test
    void valuesAreHtmlEscapedInHtmlAndCannotInjectHeaders() throws Exception {
        String message = Messages.crlf("From: app@shop.example\n"
            + "To: ann@example.com\n"
            + "Subject: Hello {{name}}\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/alternative; boundary=\"alt\"\n"
            + "\n"
            + "--alt\n"
            + "Content-Type: text/plain; charset=utf-8\n"
            + "\n"
            + "Text {{name}}\n"
            + "--alt\n"
            + "Content-Type: text/html; charset=utf-8\n"
            + "\n"
            + "<html><body><p>Html {{name}}</p></body></html>\n"
            + "--alt--\n");
        String directive = "{\"vars\":{\"name\":\"<b>Tom & \\\"Jerry\\\"</b>\\r\\nBcc: victim@example.com\"}}";

        SmtpAccessTest.sendAsShop(RELAY, List.of("ann@example.com"), Messages.withDirective(directive, message));

        ReceivedMessage copy = ReceivedMessage.only(RELAY.awaitDelivered(1), "ann@example.com");
        assertThat(copy.text("text/html")).contains("<p>Html &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;")
            .doesNotContain("<b>Tom");
        assertThat(copy.text("text/plain")).contains("Text <b>Tom & \"Jerry\"</b>");
        assertThat(copy.headers("Bcc")).isEmpty();
        assertThat(copy.subject()).doesNotContain("\r").doesNotContain("\n").contains("Tom");
    }

    @Test
    void headerAndFooterWrapASinglePartText() throws Exception {
        SmtpAccessTest.sendAsShop(RELAY, List.of("ann@example.com"), Messages.simple("app@shop.example", "ann@example.com", "Hi", "BODY"));

        String text = ReceivedMessage.only(RELAY.awaitDelivered(1), "ann@example.com").text("text/plain");
        assertThat(text.indexOf("HEADER for friend")).isLessThan(text.indexOf("BODY"));
        assertThat(text.indexOf("BODY")).isLessThan(text.indexOf("FOOTER ann@example.com"));
    }

    @Test
    void headerAndFooterGoInsideTheHtmlBodyOfAnHtmlOnlyMessage() throws Exception {
        String message = Messages.crlf("From: app@shop.example\nTo: ann@example.com\nSubject: Hi\nMIME-Version: 1.0\n"
            + "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
            + "<html><body class=3D\"x\"><p>BODY</p></body></html>\n");

        SmtpAccessTest.sendAsShop(RELAY, List.of("ann@example.com"), message);

        String html = ReceivedMessage.only(RELAY.awaitDelivered(1), "ann@example.com").text("text/html");
        assertThat(html).containsSubsequence("<body class=\"x\">", "<div id=\"hdr\">HEADER for friend</div>", "<p>BODY</p>",
            "<div id=\"ftr\">FOOTER ann@example.com</div>", "</body>");
    }

    @Test
    void mixedMessageWithA6MbAttachmentKeepsTheAttachmentByteIdentical() throws Exception {
        byte[] attachment = new byte[6 * 1024 * 1024];
        new Random(7).nextBytes(attachment);
        String message = Messages.crlf("From: app@shop.example\nTo: ann@example.com\nSubject: Invoice\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=\"mix\"\n\n"
            + "--mix\n"
            + "Content-Type: multipart/alternative; boundary=\"alt\"\n\n"
            + "--alt\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
            + Base64.getMimeEncoder().encodeToString("Your invoice {{email}}".getBytes(StandardCharsets.UTF_8)) + "\n"
            + "--alt\nContent-Type: text/html; charset=utf-8\n\n<html><body>Your invoice</body></html>\n"
            + "--alt--\n"
            + "--mix\nContent-Type: application/octet-stream; name=\"invoice.bin\"\n"
            + "Content-Disposition: attachment; filename=\"invoice.bin\"\nContent-Transfer-Encoding: base64\n\n")
            + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n--mix--\r\n";

        SmtpAccessTest.sendAsShop(RELAY, List.of("ann@example.com", "bob@example.com"), message);

        Map<String, List<byte[]>> delivered = RELAY.awaitDelivered(2);
        for (String recipient : List.of("ann@example.com", "bob@example.com")) {
            ReceivedMessage copy = ReceivedMessage.only(delivered, recipient);
            assertThat(copy.attachments()).hasSize(1);
            assertThat(copy.attachments().get(0)).isEqualTo(attachment);
            assertThat(copy.text("text/plain")).containsSubsequence("HEADER for friend", "Your invoice " + recipient, "FOOTER " + recipient);
            assertThat(copy.text("text/html")).containsSubsequence("<div id=\"hdr\">", "Your invoice", "<div id=\"ftr\">");
        }
    }

    @Test
    void relatedMessageGetsHeaderAndFooterInItsHtmlRootAndKeepsInlineImages() throws Exception {
        byte[] image = new byte[2048];
        new Random(3).nextBytes(image);
        String message = Messages.crlf("From: app@shop.example\nTo: ann@example.com\nSubject: Promo\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/related; boundary=\"rel\"; type=\"text/html\"\n\n"
            + "--rel\nContent-Type: text/html; charset=utf-8\n\n<html><body><img src=\"cid:logo\"> {{name|you}}</body></html>\n"
            + "--rel\nContent-Type: image/png; name=\"logo.png\"\nContent-ID: <logo>\nContent-Disposition: inline; filename=\"logo.png\"\n"
            + "Content-Transfer-Encoding: base64\n\n"
            + Base64.getMimeEncoder().encodeToString(image) + "\n--rel--\n");

        SmtpAccessTest.sendAsShop(RELAY, List.of("ann@example.com"), message);

        ReceivedMessage copy = ReceivedMessage.only(RELAY.awaitDelivered(1), "ann@example.com");
        assertThat(copy.text("text/html")).containsSubsequence("<div id=\"hdr\">", "<img src=\"cid:logo\"> you", "<div id=\"ftr\">");
        assertThat(copy.attachments()).containsExactly(image);
    }

    @Test
    void latin1PartThatCannotHoldAValueIsReencodedInUtf8() throws Exception {
        String message = "From: app@shop.example\r\nTo: ann@example.com\r\nSubject: Hi\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "Caf=E9 in {{city}}\r\n";

        SmtpAccessTest.sendAsShop(RELAY, List.of("ann@example.com"), Messages.withDirective("{\"vars\":{\"city\":\"\u0141\u00f3d\u017a \u20ac\"}}", message));

        ReceivedMessage copy = ReceivedMessage.only(RELAY.awaitDelivered(1), "ann@example.com");
        assertThat(copy.entities("text/plain").get(0).getCharset()).isEqualToIgnoringCase("utf-8");
        assertThat(copy.text("text/plain")).contains("Caf\u00e9 in \u0141\u00f3d\u017a \u20ac");
    }

    @Test
    void nonAsciiSubjectLeavesAsQEncodedWordsOfAtMost76Characters() throws Exception {
        String subject = "=?UTF-8?B?" + Base64.getEncoder().encodeToString(
            "Votre commande n\u00b0 {{order}} est exp\u00e9di\u00e9e \u2014 merci beaucoup, \u00e0 tr\u00e8s bient\u00f4t \u65e5\u672c"
                .getBytes(StandardCharsets.UTF_8)) + "?=";
        String message = Messages.simple("app@shop.example", "ann@example.com", subject, "body");

        SmtpAccessTest.sendAsShop(RELAY, List.of("ann@example.com"), Messages.withDirective("{\"vars\":{\"order\":\"12345\"}}", message));

        ReceivedMessage copy = ReceivedMessage.only(RELAY.awaitDelivered(1), "ann@example.com");
        assertThat(copy.subject()).isEqualTo("Votre commande n\u00b0 12345 est exp\u00e9di\u00e9e \u2014 merci beaucoup, \u00e0 tr\u00e8s bient\u00f4t \u65e5\u672c");
        String rawSubject = copy.rawHeader().substring(copy.rawHeader().indexOf("Subject:"));
        rawSubject = rawSubject.substring(0, rawSubject.indexOf("\r\n", rawSubject.indexOf("?=\r\n") + 2) + 2);
        assertThat(rawSubject).contains("=?UTF-8?Q?").doesNotContain("?B?");
        for (String line : rawSubject.split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
        }
    }

    @Test
    void rawUtf8HeadersLeaveAsEncodedWords() throws Exception {
        SmtpAccessTest.sendAsShop(RELAY, List.of("ann@example.com"), Messages.simple("Jos\u00e9 M\u00fcller <app@shop.example>", "ann@example.com",
            "Caf\u00e9 cr\u00e8me for {{name|vous}} \u2615", "body"));

        ReceivedMessage copy = ReceivedMessage.only(RELAY.awaitDelivered(1), "ann@example.com");
        assertThat(copy.subject()).isEqualTo("Caf\u00e9 cr\u00e8me for vous \u2615");
        assertThat(copy.header("Subject")).hasValueSatisfying(subject -> assertThat(subject).startsWith("=?UTF-8?Q?"));
        assertThat(copy.rawHeader()).matches("(?s)[\\x00-\\x7F]*");
        assertThat(copy.decoded("From")).isEqualTo("Jos\u00e9 M\u00fcller <app@shop.example>");
    }

    @Test
    void xHeadersAreStrippedExceptThePassthroughOnes() throws Exception {
        String message = Messages.crlf("X-Mailer: ShopApp 1.0\nX-Order-Ref: ORD-7\nX-SMTPAPI: {\"to\":[]}\n")
            + Messages.simple("app@shop.example", "ann@example.com", "Hi", "body");

        SmtpAccessTest.sendAsShop(RELAY, List.of("ann@example.com"), Messages.withDirective("{}", message));

        ReceivedMessage copy = ReceivedMessage.only(RELAY.awaitDelivered(1), "ann@example.com");
        assertThat(copy.headers("X-Order-Ref")).containsExactly("ORD-7");
        assertThat(copy.headerNames()).noneMatch(name -> name.equalsIgnoreCase("X-Mailer")
            || name.equalsIgnoreCase("X-SMTPAPI") || name.equalsIgnoreCase("X-SmtpPlus"));
    }

    @Test
    void directiveCanOmitHeaderAndFooter() throws Exception {
        SmtpAccessTest.sendAsShop(RELAY, List.of("ann@example.com"), Messages.withDirective("{\"header\":false,\"footer\":false}",
            Messages.simple("app@shop.example", "ann@example.com", "Hi", "BODY ONLY")));

        String text = ReceivedMessage.only(RELAY.awaitDelivered(1), "ann@example.com").text("text/plain");
        assertThat(text).contains("BODY ONLY").doesNotContain("HEADER").doesNotContain("FOOTER");
    }

    @Test
    void messageWithoutBodyGetsHeaderAndFooter() throws Exception {
        SmtpAccessTest.sendAsShop(RELAY, List.of("ann@example.com"), "From: app@shop.example\r\nTo: ann@example.com\r\nSubject: empty\r\n\r\n");

        String text = ReceivedMessage.only(RELAY.awaitDelivered(1), "ann@example.com").text("text/plain");
        assertThat(text).containsSubsequence("HEADER for friend", "FOOTER ann@example.com");
    }

    @Test
    void longFoldedHeaderArrivesIntact() throws Exception {
        StringBuilder references = new StringBuilder("References:");
        for (int i = 0; i < 30; i++) {
            references.append("\r\n <reference-").append(String.format("%03d", i)).append("-abcdefghij@shop.example>");
        }
        assertThat(references.length()).isGreaterThan(900);
        String message = references + "\r\n" + Messages.simple("app@shop.example", "ann@example.com", "Hi", "body");

        SmtpAccessTest.sendAsShop(RELAY, List.of("ann@example.com"), message);

        ReceivedMessage copy = ReceivedMessage.only(RELAY.awaitDelivered(1), "ann@example.com");
        assertThat(copy.rawHeader()).contains(references.toString());
    }
}
