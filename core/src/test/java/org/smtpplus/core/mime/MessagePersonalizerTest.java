package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtpplus.core.mime.MimeCorpus.bytes;
import static org.smtpplus.core.mime.MimeCorpus.decodedBytes;
import static org.smtpplus.core.mime.MimeCorpus.indexOf;
import static org.smtpplus.core.mime.MimeCorpus.leafWithFilename;
import static org.smtpplus.core.mime.MimeCorpus.leaves;
import static org.smtpplus.core.mime.MimeCorpus.parsed;
import static org.smtpplus.core.mime.MimeCorpus.strictlyParsed;
import static org.smtpplus.core.mime.MimeCorpus.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.stream.Field;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smtpplus.core.merge.LayeredMergeValues;
import org.smtpplus.core.merge.LiteralTags;
import org.smtpplus.core.merge.TextAndHtml;

class MessagePersonalizerTest {
    private static final String UNSUBSCRIBE_URL = "https://u.example/u/T0K?a=1&b=2";
    private static final TextAndHtml HEADER = TextAndHtml.of(
        "Hello from {{company|Shop}}",
        "<div class=\"hdr\">Hello from {{company|Shop}}</div>");
    private static final TextAndHtml FOOTER = TextAndHtml.of(
        "Unsubscribe: {{unsubscribe_url}}",
        "<div class=\"ftr\"><a href=\"{{unsubscribe_url}}\">Unsubscribe</a></div>");
    private static final String HTML_FOOTER = "<div class=\"ftr\"><a href=\"https://u.example/u/T0K?a=1&amp;b=2\">Unsubscribe</a></div>";

    private static Map<String, String> values(String... namesAndValues) {
        Map<String, String> values = new HashMap<>(Map.of(
            "name", "Bob",
            "order.id", "A-17",
            "item", "<b>Tom & Jerry</b>",
            "unsubscribe_url", UNSUBSCRIBE_URL));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return values;
    }

    private static CopySpec.Builder spec(String recipient, Map<String, String> values) {
        return CopySpec.builder()
            .recipient(recipient)
            .values(LayeredMergeValues.of(List.of(values)));
    }

    private static CopySpec decorated(String recipient, Map<String, String> values) {
        return spec(recipient, values).header(HEADER).footer(FOOTER).build();
    }

    private static byte[] personalize(byte[] message, CopySpec spec) throws IOException {
        return MessagePersonalizer.personalize(parsed(message), spec);
    }

    private static byte[] personalize(String corpusMessage, CopySpec spec) throws IOException {
        return personalize(bytes(corpusMessage), spec);
    }

    private static String headerOf(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        return text.substring(0, text.indexOf("\r\n\r\n") + 2);
    }

    private static List<String> fieldNames(Message message) {
        return message.getHeader().getFields().stream().map(Field::getName).collect(Collectors.toList());
    }

    private static List<String> fields(Message message, String name) {
        return message.getHeader().getFields(name).stream()
            .map(field -> new String(field.getRaw().toByteArray(), StandardCharsets.UTF_8))
            .collect(Collectors.toList());
    }

    private static String decodedSubject(Message message) {
        return DecoderUtil.decodeEncodedWords(message.getHeader().getField("Subject").getBody().replace("\r\n", ""), DecodeMonitor.STRICT);
    }

    private static void assertQEncodedSubject(byte[] output) {
        String subject = Arrays.stream(headerOf(output).split("\r\n(?! )"))
            .filter(field -> field.startsWith("Subject:"))
            .findFirst()
            .orElseThrow();
        assertThat(subject).startsWith("Subject: =?UTF-8?Q?");
        List<String> lines = Arrays.asList(subject.split("\r\n"));
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).matches(" \\S.*"));
    }

    private static Entity leafOfType(Message message, String mimeType) {
        return leaves(message).stream()
            .filter(leaf -> leaf.getMimeType().equals(mimeType) && leaf.getDispositionType() == null)
            .findFirst()
            .orElseThrow(() -> new AssertionError("No " + mimeType + " part"));
    }

    @Nested
    class Headers {
        @Test
        void removesRelayDirectivesBccAndXHeaders() throws IOException {
            Message copy = strictlyParsed(personalize("single-text.eml", spec("alice@example.com", values()).build()));

            assertThat(fieldNames(copy))
                .doesNotContain("X-SmtpPlus", "X-SMTPAPI", "X-Mailer", "X-Order-Ref", "Bcc")
                .contains("Received", "From", "To", "Cc", "Date", "Message-ID", "Subject", "MIME-Version", "Content-Type");
        }

        @Test
        void keepsPassThroughXHeadersWhateverTheirCase() throws IOException {
            CopySpec spec = spec("alice@example.com", values()).passthroughHeaders(Set.of("x-order-REF", "X-SmtpPlus")).build();

            Message copy = strictlyParsed(personalize("single-text.eml", spec));

            assertThat(fields(copy, "X-Order-Ref")).containsExactly("X-Order-Ref: A-1001");
            assertThat(fieldNames(copy)).doesNotContain("X-SmtpPlus", "X-Mailer");
        }

        @Test
        void removesMailgunsHeadersEvenWhenTheAccountPassesThemThrough() throws IOException {
            byte[] message = ("X-Mailgun-Tag: spring\r\nx-mailgun-variables: {\"a\":1}\r\nX-Order-Ref: A-1\r\n"
                + "From: app@shop.example\r\nTo: alice@example.com\r\nSubject: Hi\r\n\r\nHello\r\n").getBytes(StandardCharsets.US_ASCII);
            CopySpec spec = spec("alice@example.com", values())
                .passthroughHeaders(Set.of("X-Mailgun-Tag", "X-Mailgun-Variables", "X-Order-Ref")).build();

            Message copy = strictlyParsed(personalize(message, spec));

            assertThat(fieldNames(copy)).contains("X-Order-Ref").doesNotContain("X-Mailgun-Tag", "x-mailgun-variables");
        }

        @Test
        void keepsOtherFieldsByteForByte() throws IOException {
            byte[] copy = personalize("single-text.eml", spec("alice@example.com", values()).build());

            assertThat(headerOf(copy)).startsWith(
                "Received: from shop.example (shop.example [192.0.2.10])\r\n"
                    + "\tby relay.example (SMTP+) with ESMTPSA id 4711\r\n"
                    + "\tfor <alice@example.com>; Mon, 2 Nov 2026 10:00:00 +0000\r\n"
                    + "From: Shop <news@shop.example>\r\n"
                    + "To: Alice <alice@example.com>, \"Bob, B.\" <bob@example.com>\r\n"
                    + "Cc: Team: carol@example.com, =?UTF-8?Q?J=C3=B6rg?= <Joerg@Example.com>;\r\n"
                    + "Date: Mon, 2 Nov 2026 10:00:00 +0000\r\n"
                    + "Message-ID: <corpus-single@shop.example>\r\n");
        }

        @Test
        void keepsA900CharacterFoldedHeaderAsIs() throws IOException {
            byte[] original = bytes("long-header.eml");
            String references = headerOf(original).substring(headerOf(original).indexOf("References:"));
            references = references.substring(0, references.indexOf("\r\nSubject:") + 2);
            assertThat(references.replace("\r\n", "").length()).isGreaterThanOrEqualTo(900);

            byte[] copy = personalize(original, decorated("alice@example.com", values()));

            assertThat(headerOf(copy)).contains(references);
        }

        @ParameterizedTest
        @ValueSource(strings = {"alice@example.com", "ALICE@Example.COM", "bob@example.com", "carol@example.com", "joerg@example.com"})
        void leavesToAloneForAToOrCcRecipient(String recipient) throws IOException {
            byte[] copy = personalize("single-text.eml", spec(recipient, values()).build());

            assertThat(headerOf(copy))
                .contains("\r\nTo: Alice <alice@example.com>, \"Bob, B.\" <bob@example.com>\r\n")
                .doesNotContain("To: <");
        }

        @Test
        void addressesABccRecipientInItsOwnTo() throws IOException {
            Message copy = strictlyParsed(personalize("single-text.eml", spec("dave@example.com", values()).build()));

            assertThat(fields(copy, "To")).containsExactly("To: dave@example.com");
            assertThat(fields(copy, "Cc")).hasSize(1);
            assertThat(fieldNames(copy)).doesNotContain("Bcc");
        }

        @Test
        void replacesEveryToFieldForABccRecipient() throws IOException {
            byte[] message = ("From: a@example.com\r\nTo: one@example.com\r\nSubject: s\r\nTo: two@example.com\r\n"
                + "Bcc: hidden@example.com\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);

            byte[] copy = personalize(message, spec("hidden@example.com", values()).build());

            assertThat(new String(copy, StandardCharsets.US_ASCII))
                .isEqualTo("From: a@example.com\r\nTo: hidden@example.com\r\nSubject: s\r\n\r\nbody\r\n");
        }

        @Test
        void findsTheRecipientInAnyOfSeveralToFields() throws IOException {
            byte[] message = ("From: a@example.com\r\nTo: one@example.com\r\nTo: Two <two@example.com>\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII);

            byte[] copy = personalize(message, spec("two@example.com", values()).build());

            assertThat(copy).isEqualTo(message);
        }

        @Test
        void addsAToWhenTheMessageHasNone() throws IOException {
            byte[] message = "From: a@example.com\r\nSubject: s\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

            byte[] copy = personalize(message, spec("bob@example.com", values()).build());

            assertThat(headerOf(copy)).isEqualTo("From: a@example.com\r\nSubject: s\r\nTo: bob@example.com\r\n");
        }

        @Test
        void replacesTagsInAnAsciiSubject() throws IOException {
            Message copy = strictlyParsed(personalize("single-text.eml", spec("alice@example.com", values()).build()));

            assertThat(fields(copy, "Subject")).containsExactly("Subject: Hello Bob, your order");
        }

        @Test
        void keepsAnAsciiSubjectWithoutTagsRaw() throws IOException {
            byte[] message = "From: a@example.com\r\nTo: b@example.com\r\nSubject:   spaced  {{ not a tag }}  \r\n\r\nx\r\n"
                .getBytes(StandardCharsets.US_ASCII);

            assertThat(personalize(message, spec("b@example.com", values()).build())).isEqualTo(message);
        }

        @Test
        void qEncodesARawUtf8Subject() throws IOException {
            byte[] copy = personalize("related.eml", spec("alice@example.com", values()).build());

            assertQEncodedSubject(copy);
            assertThat(decodedSubject(strictlyParsed(copy)))
                .isEqualTo("Café pour Bob – 日本語の件名がとても長い場合のテストです 😀🎉");
        }

        @Test
        void turnsABase64EncodedSubjectIntoQ() throws IOException {
            byte[] copy = personalize("alternative.eml", spec("alice@example.com", values()).build());

            assertQEncodedSubject(copy);
            assertThat(decodedSubject(strictlyParsed(copy))).isEqualTo("Grüße, Bob!");
        }

        @Test
        void decodesEncodedWordsOfAnyCharset() throws IOException {
            byte[] copy = personalize("utf8-base64.eml", spec("alice@example.com", values()).build());

            assertQEncodedSubject(copy);
            assertThat(decodedSubject(strictlyParsed(copy))).isEqualTo("Grüße Bob");
        }

        @Test
        void qEncodesANonAsciiValueInAnAsciiSubject() throws IOException {
            byte[] copy = personalize("single-text.eml", spec("alice@example.com", values("name", "Łódź")).build());

            assertQEncodedSubject(copy);
            assertThat(decodedSubject(strictlyParsed(copy))).isEqualTo("Hello Łódź, your order");
        }

        @Test
        void aValueCannotInjectAHeader() throws IOException {
            CopySpec spec = spec("alice@example.com", values("name", "Bob\r\nBcc: victim@example.com\r\n\r\nbody")).build();

            Message copy = strictlyParsed(personalize("single-text.eml", spec));

            assertThat(fieldNames(copy)).doesNotContain("Bcc");
            assertThat(fields(copy, "Subject")).containsExactly("Subject: Hello Bob  Bcc: victim@example.com    body, your order");
        }
    }

    @Nested
    class SingleTextPart {
        @Test
        void getsHeaderFooterAndValues() throws IOException {
            Message copy = strictlyParsed(personalize("single-text.eml", decorated("alice@example.com", values())));

            assertThat(text(copy)).isEqualTo("Hello from Shop\r\n"
                + "Hello Bob,\r\n"
                + "\r\n"
                + "your order A-17 ships to your city.\r\n"
                + "Regards, the shop - !\r\n"
                + "Unsubscribe: " + UNSUBSCRIBE_URL + "\r\n");
        }

        @Test
        void textValuesAreNotEscaped() throws IOException {
            Message copy = strictlyParsed(personalize("single-text.eml", spec("alice@example.com", values("name", "<Tom & Jerry>")).build()));

            assertThat(text(copy)).startsWith("Hello <Tom & Jerry>,");
        }

        @Test
        void htmlOnlyTemplateIsTurnedIntoText() throws IOException {
            CopySpec spec = spec("alice@example.com", values())
                .header(TextAndHtml.of(null, "<p>Deals for <b>{{name}}</b> &amp; {{item}}</p><br>"))
                .build();

            Message copy = strictlyParsed(personalize("single-text.eml", spec));

            assertThat(text(copy)).startsWith("Deals for Bob & <b>Tom & Jerry</b>\r\nHello Bob,");
        }

        @Test
        void keepsCharsetAndEncodingWhenTheTextStillFits() throws IOException {
            byte[] copy = personalize("single-text.eml", decorated("alice@example.com", values()));

            assertThat(headerOf(copy))
                .contains("\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n");
        }

        @Test
        void switchesAnAsciiPartToUtf8ForANonAsciiValue() throws IOException {
            Message copy = strictlyParsed(personalize("single-text.eml", spec("alice@example.com", values("name", "Jürgen")).build()));

            assertThat(copy.getCharset()).isEqualToIgnoringCase("UTF-8");
            assertThat(copy.getContentTransferEncoding()).isEqualTo("quoted-printable");
            assertThat(text(copy)).startsWith("Hello Jürgen,");
        }
    }

    @Nested
    class HtmlOnly {
        @Test
        void getsHeaderAfterTheBodyTagAndFooterBeforeItsEnd() throws IOException {
            Message copy = strictlyParsed(personalize("html-only.eml", decorated("alice@example.com", values())));

            assertThat(text(copy))
                .contains("<BODY class=\"mail\" style=\"margin:0\"><div class=\"hdr\">Hello from Shop</div>\r\n<p>Hello Bob,")
                .contains("friends.</p>\r\n" + HTML_FOOTER + "</BODY>\r\n</html>");
        }

        @Test
        void escapesValuesAndFallbacks() throws IOException {
            Message copy = strictlyParsed(personalize("html-only.eml", spec("alice@example.com", values("name", "<b>Tom & Jerry</b>")).build()));

            assertThat(text(copy))
                .contains("<p>Hello &lt;b&gt;Tom &amp; Jerry&lt;/b&gt;, thanks for your order A-17.</p>")
                .contains("Greetings from &lt;i&gt;the shop&lt;/i&gt; &amp; friends.");
        }

        @Test
        void textOnlyTemplateIsTurnedIntoHtml() throws IOException {
            CopySpec spec = spec("alice@example.com", values())
                .footer(TextAndHtml.of("Sent to {{item}}\nby Shop", null))
                .build();

            Message copy = strictlyParsed(personalize("html-only.eml", spec));

            assertThat(text(copy)).contains("Sent to &lt;b&gt;Tom &amp; Jerry&lt;/b&gt;<br>\r\nby Shop</BODY>");
        }

        @Test
        void htmlWithoutBodyTagGetsHeaderFirstAndFooterLast() throws IOException {
            byte[] message = "From: a@example.com\r\nTo: b@example.com\r\nContent-Type: text/html\r\n\r\n<p>Hi {{name}}</p>"
                .getBytes(StandardCharsets.US_ASCII);

            Message copy = strictlyParsed(personalize(message, decorated("b@example.com", values())));

            assertThat(text(copy)).isEqualTo("<div class=\"hdr\">Hello from Shop</div><p>Hi Bob</p>" + HTML_FOOTER);
        }
    }

    @Nested
    class Alternative {
        @Test
        void eachAlternativeGetsItsVersionOfHeaderAndFooter() throws IOException {
            Message copy = strictlyParsed(personalize("alternative.eml", decorated("alice@example.com", values())));

            assertThat(text(leafOfType(copy, "text/plain"))).isEqualTo("Hello from Shop\r\n"
                + "Hello Bob,\r\n\r\nthanks for the order A-17. Grüße!\r\n"
                + "Unsubscribe: " + UNSUBSCRIBE_URL + "\r\n");
            assertThat(text(leafOfType(copy, "text/html"))).isEqualTo("<html><body><div class=\"hdr\">Hello from Shop</div>\r\n"
                + "<p>Hello Bob,</p>\r\n<p>thanks for the order A-17. Grüße!</p>\r\n"
                + HTML_FOOTER + "</body></html>\r\n");
        }

        @Test
        void keepsQuotedPrintableAndBase64() throws IOException {
            Message copy = strictlyParsed(personalize("alternative.eml", decorated("alice@example.com", values())));

            assertThat(leafOfType(copy, "text/plain").getContentTransferEncoding()).isEqualTo("quoted-printable");
            assertThat(leafOfType(copy, "text/html").getContentTransferEncoding()).isEqualTo("base64");
        }

        @Test
        void keepsPreambleAndBoundary() throws IOException {
            String copy = new String(personalize("alternative.eml", decorated("alice@example.com", values())), StandardCharsets.UTF_8);

            assertThat(copy).contains("\r\n\r\nThis is a multi-part message in MIME format.\r\n\r\n--alt-boundary-1\r\n")
                .endsWith("\r\n--alt-boundary-1--\r\n");
        }
    }

    @Nested
    class MixedWithLargeAttachment {
        private final byte[] attachment = MimeCorpus.randomBytes(6 * 1024 * 1024, 6);
        private final byte[] message = MimeCorpus.mixedWithAttachment(attachment);

        @Test
        void bodyGetsHeaderAndFooterAndAttachmentStaysIdentical() throws IOException {
            byte[] copy = personalize(message, decorated("alice@example.com", values()));
            Message parsedCopy = strictlyParsed(copy);

            assertThat(text(leafOfType(parsedCopy, "text/plain")))
                .isEqualTo("Hello from Shop\r\nDear Bob, your invoice is attached.\r\nUnsubscribe: " + UNSUBSCRIBE_URL + "\r\n");
            assertThat(decodedBytes(leafWithFilename(parsedCopy, "invoice.pdf"))).isEqualTo(attachment);
            byte[] rawAttachment = MimeCorpus.base64(attachment).getBytes(StandardCharsets.US_ASCII);
            assertThat(indexOf(copy, rawAttachment)).isPositive();
        }

        @Test
        void oneParseServesManyRecipients() throws IOException {
            ParsedMessage parsed = parsed(message);

            Message forBob = strictlyParsed(MessagePersonalizer.personalize(parsed, spec("bob@example.com", values()).build()));
            Message forEve = strictlyParsed(MessagePersonalizer.personalize(parsed, spec("eve@example.com", values("name", "Eve")).build()));

            assertThat(text(leafOfType(forBob, "text/plain"))).startsWith("Dear Bob,");
            assertThat(text(leafOfType(forEve, "text/plain"))).startsWith("Dear Eve,");
            assertThat(fields(forEve, "To")).containsExactly("To: eve@example.com");
            assertThat(decodedBytes(leafWithFilename(forEve, "invoice.pdf"))).isEqualTo(attachment);
        }
    }

    @Nested
    class Reuse {
        @Test
        void oneParsedMessageServesConcurrentCopies() throws Exception {
            ParsedMessage parsed = parsed(bytes("alternative-related.eml"));
            List<String> recipients = List.of("alice@example.com", "dave@example.com", "eve@example.com", "zed@example.com");
            Map<String, byte[]> expected = new HashMap<>();
            for (String recipient : recipients) {
                expected.put(recipient, MessagePersonalizer.personalize(parsed, decorated(recipient, values("name", recipient))));
            }

            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> sameAsAlone = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    String recipient = recipients.get(i % recipients.size());
                    sameAsAlone.add(threads.submit(() -> Arrays.equals(expected.get(recipient),
                        MessagePersonalizer.personalize(parsed, decorated(recipient, values("name", recipient))))));
                }
                for (Future<Boolean> result : sameAsAlone) {
                    assertThat(result.get()).isTrue();
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Nested
    class Related {
        @Test
        void theRootNamedByStartGetsHeaderAndFooter() throws IOException {
            Message copy = strictlyParsed(personalize("related.eml", decorated("alice@example.com", values())));

            assertThat(text(leafOfType(copy, "text/html"))).isEqualTo("<html><body><div class=\"hdr\">Hello from Shop</div>"
                + "<img src=\"cid:logo@shop.example\"><p>Hi Bob, look at &lt;b&gt;Tom &amp; Jerry&lt;/b&gt;.</p>"
                + "<img src=\"cid:banner@shop.example\">" + HTML_FOOTER + "</body></html>\r\n");
        }

        @Test
        void inlineImagesStayByteForByte() throws IOException {
            byte[] original = bytes("related.eml");
            byte[] copy = personalize(original, decorated("alice@example.com", values()));

            List<Entity> originalImages = images(strictlyParsed(original));
            List<Entity> copiedImages = images(strictlyParsed(copy));
            assertThat(copiedImages).hasSize(2);
            for (int i = 0; i < originalImages.size(); i++) {
                assertThat(decodedBytes(copiedImages.get(i))).isEqualTo(decodedBytes(originalImages.get(i)));
            }
            assertThat(rawBody(copy, "Content-ID: <logo@shop.example>")).isEqualTo(rawBody(original, "Content-ID: <logo@shop.example>"));
            assertThat(rawBody(copy, "Content-ID: <banner@shop.example>")).isEqualTo(rawBody(original, "Content-ID: <banner@shop.example>"));
        }

        @Test
        void anHtmlRootInsideAlternativeGetsHeaderAndFooterToo() throws IOException {
            Message copy = strictlyParsed(personalize("alternative-related.eml", decorated("alice@example.com", values())));

            assertThat(text(leafOfType(copy, "text/plain")))
                .isEqualTo("Hello from Shop\r\nPlain for Bob.\r\nUnsubscribe: " + UNSUBSCRIBE_URL + "\r\n");
            assertThat(text(leafOfType(copy, "text/html")))
                .isEqualTo("<html><body><div class=\"hdr\">Hello from Shop</div><p>Rich for Bob</p><img src=\"cid:pic@x\">"
                    + HTML_FOOTER + "</body></html>");
        }

        private List<Entity> images(Message message) {
            return leaves(message).stream().filter(leaf -> leaf.getMimeType().startsWith("image/")).collect(Collectors.toList());
        }

        private String rawBody(byte[] message, String headerLine) {
            String text = new String(message, StandardCharsets.ISO_8859_1);
            int start = text.indexOf("\r\n\r\n", text.indexOf(headerLine)) + 4;
            return text.substring(start, text.indexOf("\r\n--", start));
        }
    }

    @Nested
    class Attachments {
        @Test
        void textAttachmentsAndAttachedMessagesAreNeverTouched() throws IOException {
            byte[] copy = personalize("alternative-related.eml", decorated("alice@example.com", values()));
            String text = new String(copy, StandardCharsets.UTF_8);

            assertThat(text)
                .contains("Content-Disposition: attachment; filename=\"notes.txt\"\r\n\r\nAttachment text with {{name}} stays as is.\r\n--mixed-0")
                .contains("Content-Type: message/rfc822\r\n\r\nFrom: someone@example.org\r\nSubject: forwarded {{name}}\r\n\r\n"
                    + "Forwarded body with {{name}}.\r\n--mixed-0")
                .contains("Content-Type: text/csv; name=\"orders.csv\"\r\n\r\nid,name\r\n1,{{name}}\r\n--mixed-0--");
        }

        @Test
        void attachmentsDecodeToTheSameBytes() throws IOException {
            byte[] original = bytes("alternative-related.eml");
            Message copy = strictlyParsed(personalize(original, decorated("alice@example.com", values())));

            assertThat(decodedBytes(leafWithFilename(copy, "notes.txt")))
                .isEqualTo(decodedBytes(leafWithFilename(strictlyParsed(original), "notes.txt")));
            assertThat(decodedBytes(leafWithFilename(copy, "orders.csv")))
                .isEqualTo(decodedBytes(leafWithFilename(strictlyParsed(original), "orders.csv")));
        }
    }

    @Nested
    class Charsets {
        @Test
        void anIsoLatin1PartKeepsItsCharsetWhenTheValueFits() throws IOException {
            byte[] copy = personalize("latin1-qp.eml", spec("alice@example.com", values("name", "Müller")).build());

            Message parsedCopy = strictlyParsed(copy);
            assertThat(headerOf(copy)).contains("\r\nContent-Type: text/plain; charset=\"ISO-8859-1\"; format=flowed\r\n");
            assertThat(parsedCopy.getContentTransferEncoding()).isEqualTo("quoted-printable");
            assertThat(text(parsedCopy)).isEqualTo("Grüße aus München, Müller! Preis: 10 EUR.\r\n");
        }

        @Test
        void anIsoLatin1PartThatCannotHoldTheValueSwitchesToUtf8() throws IOException {
            byte[] copy = personalize("latin1-qp.eml", spec("alice@example.com", values("name", "Łódź", "currency", "€ / 日本")).build());

            Message parsedCopy = strictlyParsed(copy);
            assertThat(headerOf(copy)).contains("\r\nContent-Type: text/plain; format=flowed; charset=UTF-8\r\n");
            assertThat(parsedCopy.getContentTransferEncoding()).isEqualTo("quoted-printable");
            assertThat(text(parsedCopy)).isEqualTo("Grüße aus München, Łódź! Preis: 10 € / 日本.\r\n");
        }

        @Test
        void an8bitIsoLatin1HtmlPartSwitchesToUtf8AndUpdatesItsMetaCharset() throws IOException {
            byte[] copy = personalize("latin1-8bit.eml", decorated("alice@example.com", values("currency", "€")));

            Message parsedCopy = strictlyParsed(copy);
            assertThat(parsedCopy.getCharset()).isEqualTo("UTF-8");
            assertThat(parsedCopy.getContentTransferEncoding()).isEqualTo("quoted-printable");
            assertThat(text(parsedCopy))
                .contains("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">")
                .contains("<p>Grüße aus München, Bob! Preis: 10 €.\r\n</p>");
        }

        @Test
        void an8bitIsoLatin1PartStays8bitForAsciiValues() throws IOException {
            byte[] copy = personalize("latin1-8bit.eml", spec("alice@example.com", values()).build());

            Message parsedCopy = strictlyParsed(copy);
            assertThat(parsedCopy.getCharset()).isEqualTo("iso-8859-1");
            assertThat(parsedCopy.getContentTransferEncoding()).isEqualTo("quoted-printable");
            assertThat(text(parsedCopy)).contains("<p>Grüße aus München, Bob! Preis: 10 EUR.\r\n</p>");
        }

        @Test
        void aUtf8Base64PartStaysBase64() throws IOException {
            Message copy = strictlyParsed(personalize("utf8-base64.eml", spec("alice@example.com", values("name", "Zoë")).build()));

            assertThat(copy.getContentTransferEncoding()).isEqualTo("base64");
            assertThat(copy.getCharset()).isEqualTo("utf-8");
            assertThat(text(copy)).isEqualTo("日本語のテキスト Zoë — café 😀\r\n");
        }

        @Test
        void anUnknownCharsetDoesNotLoseTheMail() throws IOException {
            byte[] message = ("From: a@example.com\r\nTo: b@example.com\r\nContent-Type: text/plain; charset=x-unknown\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nCaf\u00e9 {{name}}\r\n").getBytes(StandardCharsets.ISO_8859_1);

            byte[] copy = personalize(message, spec("b@example.com", values()).build());

            assertThat(new String(copy, StandardCharsets.ISO_8859_1))
                .contains("\r\nContent-Type: text/plain; charset=x-unknown\r\n")
                .endsWith("\r\n\r\nCaf=E9 Bob\r\n");
        }
    }

    @Nested
    class NoBody {
        @Test
        void aMessageWithoutBodyGetsHeaderAndFooterAsPlainText() throws IOException {
            byte[] copy = personalize("no-body.eml", decorated("alice@example.com", values()));

            Message parsedCopy = strictlyParsed(copy);
            assertThat(parsedCopy.getMimeType()).isEqualTo("text/plain");
            assertThat(text(parsedCopy)).isEqualTo("Hello from Shop\r\nUnsubscribe: " + UNSUBSCRIBE_URL + "\r\n");
        }

        @Test
        void aMessageWithoutBlankLineGetsOne() throws IOException {
            byte[] message = "From: a@example.com\r\nTo: b@example.com\r\nSubject: s\r\n".getBytes(StandardCharsets.US_ASCII);

            byte[] copy = personalize(message, spec("b@example.com", values()).footer(TextAndHtml.of("Bye {{name}}", null)).build());

            assertThat(new String(copy, StandardCharsets.US_ASCII))
                .isEqualTo("From: a@example.com\r\nTo: b@example.com\r\nSubject: s\r\n\r\nBye Bob\r\n");
        }

        @Test
        void aNonAsciiFooterMakesTheMessageMimeUtf8() throws IOException {
            byte[] copy = personalize("no-body.eml", spec("alice@example.com", values()).footer(TextAndHtml.of("Grüße, {{name}}", null)).build());

            Message parsedCopy = strictlyParsed(copy);
            assertThat(headerOf(copy)).endsWith("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n");
            assertThat(text(parsedCopy)).isEqualTo("Grüße, Bob\r\n");
        }
    }

    @Nested
    class Fidelity {
        @Test
        void aMessageWithNothingToChangeIsCopiedByteForByte() throws IOException {
            byte[] original = bytes("untouched.eml");

            assertThat(personalize(original, spec("alice@example.com", values()).build())).isEqualTo(original);
        }

        @Test
        void preambleEpilogueAndUntouchedPartsSurviveAPersonalisedCopy() throws IOException {
            byte[] copy = personalize("untouched.eml", decorated("alice@example.com", values()));
            String text = new String(copy, StandardCharsets.ISO_8859_1);

            assertThat(text)
                .contains("\r\n\r\nPreamble line one.\r\nPreamble line two.\r\n\r\n--=_outer\r\n")
                .contains("\r\n--=_inner--\r\ninner epilogue\r\n\r\n--=_outer\r\n")
                .endsWith("\r\n--=_outer--\r\nEpilogue text.\r\n");
            String original = new String(bytes("untouched.eml"), StandardCharsets.ISO_8859_1);
            String attachment = original.substring(original.indexOf("Content-Type: application/octet-stream"));
            assertThat(text).endsWith(attachment);
            assertThat(text(leafOfType(strictlyParsed(copy), "text/plain")))
                .isEqualTo("Hello from Shop\r\nNothing to change, München. \r\nA soft break.\r\nUnsubscribe: " + UNSUBSCRIBE_URL + "\r\n");
        }

        @ParameterizedTest
        @ValueSource(strings = {"single-text.eml", "html-only.eml", "alternative.eml", "related.eml", "alternative-related.eml",
            "latin1-qp.eml", "latin1-8bit.eml", "utf8-base64.eml", "no-body.eml", "long-header.eml", "untouched.eml"})
        void everyCopyIsStrictlyValidMimeWithCrlfLines(String corpusMessage) throws IOException {
            assertThat(new String(bytes(corpusMessage), StandardCharsets.ISO_8859_1)).doesNotContainPattern("(?<!\r)\n");

            byte[] copy = personalize(corpusMessage, decorated("zed@example.com", values("name", "Zoë <&> \r\n Łódź")));

            assertThat(new String(copy, StandardCharsets.ISO_8859_1)).doesNotContainPattern("(?<!\r)\n").doesNotContainPattern("\r(?!\n)");
            Message parsedCopy = strictlyParsed(copy);
            assertThat(fields(parsedCopy, "To")).containsExactly("To: zed@example.com");
        }

        @Test
        void bareLineFeedsInTheHeaderBecomeCrlf() throws IOException {
            byte[] message = "From: a@example.com\nTo: b@example.com,\n c@example.com\nSubject: s\n\nbody\n".getBytes(StandardCharsets.US_ASCII);

            byte[] copy = personalize(message, spec("b@example.com", values()).build());

            assertThat(headerOf(copy)).isEqualTo("From: a@example.com\r\nTo: b@example.com,\r\n c@example.com\r\nSubject: s\r\n");
        }
    }

    @Nested
    class Literals {
        private final LiteralTags tags = LiteralTags.of(List.of("-name-", "-name-x-", "%city%", "-offer-"));
        private final Map<String, String> literals = Map.of("-name-", "Łódź", "-name-x-", "long", "%city%", "Köln",
            "-offer-", "<b>Tom &amp; Jerry</b>");

        private byte[] message(String header, String body) {
            return (header.replace("\n", "\r\n") + "\r\n" + body.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);
        }

        private byte[] personalizeWith(byte[] message, Map<String, String> literalValues) throws IOException {
            return personalizeWith(message, spec("bob@example.com", values()).literals(literalValues).build());
        }

        private byte[] personalizeWith(byte[] message, CopySpec spec) throws IOException {
            return MessagePersonalizer.personalize(ParsedMessage.parse(new ByteArrayInputStream(message), tags), spec);
        }

        @Test
        void replacesTagsInTheSubjectAndQEncodesANonAsciiValue() throws IOException {
            byte[] message = message("From: a@example.com\nTo: bob@example.com\nSubject: Hi -name-, -name-x- in %city%\n",
                "x\n");

            byte[] copy = personalizeWith(message, literals);

            assertQEncodedSubject(copy);
            assertThat(decodedSubject(strictlyParsed(copy))).isEqualTo("Hi Łódź, long in Köln");
        }

        @Test
        void aValueCannotInjectAHeaderThroughTheSubject() throws IOException {
            byte[] message = message("From: a@example.com\nTo: bob@example.com\nSubject: Hi -name- <-offer->\n", "x\n");

            Message copy = strictlyParsed(personalizeWith(message,
                Map.of("-name-", "Bob\r\nBcc: victim@example.com\r\n\r\nbody", "-offer-", "<b>&amp;</b>")));

            assertThat(fieldNames(copy)).doesNotContain("Bcc");
            assertThat(fields(copy, "Subject"))
                .containsExactly("Subject: Hi Bob  Bcc: victim@example.com    body <<b>&amp;</b>>");
        }

        @Test
        void replacesTagsInPlainTextAsTheyAre() throws IOException {
            byte[] message = message("From: a@example.com\nTo: bob@example.com\nContent-Type: text/plain; charset=utf-8\n",
                "Hi -name- {{name}}, -offer- in %city%.\n");

            Message copy = strictlyParsed(personalizeWith(message, literals));

            assertThat(text(copy)).isEqualTo("Hi Łódź Bob, <b>Tom &amp; Jerry</b> in Köln.\r\n");
        }

        @Test
        void writesValuesRawInHtmlWhereMergeValuesAreEscaped() throws IOException {
            byte[] message = message("From: a@example.com\nTo: bob@example.com\nContent-Type: text/html; charset=utf-8\n",
                "<p>-offer- or {{item}} for -name-</p>\n");

            Message copy = strictlyParsed(personalizeWith(message, literals));

            assertThat(text(copy))
                .isEqualTo("<p><b>Tom &amp; Jerry</b> or &lt;b&gt;Tom &amp; Jerry&lt;/b&gt; for Łódź</p>\r\n");
        }

        @Test
        void replacesTagsInQuotedPrintableAndBase64AlternativesAndKeepsTheirEncodings() throws IOException {
            String html = "<html><body><p>Gr\u00fc\u00dfe -name-: -offer-</p></body></html>\r\n";
            byte[] message = message("From: a@example.com\nTo: bob@example.com\nSubject: s\nMIME-Version: 1.0\n"
                    + "Content-Type: multipart/alternative; boundary=alt\n",
                "--alt\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
                    + "Gr=C3=BC=C3=9Fe -na=\nme- in %cit=\ny%!\n"
                    + "--alt\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
                    + Base64.getMimeEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8)) + "\n"
                    + "--alt--\n");

            Message copy = strictlyParsed(personalizeWith(message, literals));

            Entity plain = leafOfType(copy, "text/plain");
            Entity rich = leafOfType(copy, "text/html");
            // the line break before a boundary is the boundary's
            assertThat(text(plain)).isEqualTo("Grüße Łódź in Köln!");
            assertThat(text(rich)).isEqualTo("<html><body><p>Grüße Łódź: <b>Tom &amp; Jerry</b></p></body></html>\r\n");
            assertThat(plain.getContentTransferEncoding()).isEqualTo("quoted-printable");
            assertThat(rich.getContentTransferEncoding()).isEqualTo("base64");
        }

        @Test
        void leavesAttachmentsAndTheAccountsFooterAlone() throws IOException {
            byte[] message = message("From: a@example.com\nTo: bob@example.com\nSubject: s\nMIME-Version: 1.0\n"
                    + "Content-Type: multipart/mixed; boundary=mix\n",
                "--mix\nContent-Type: text/plain; charset=us-ascii\n\nDear -name-,\n"
                    + "--mix\nContent-Type: text/plain; name=notes.txt\nContent-Disposition: attachment; filename=notes.txt\n\n"
                    + "Notes for -name- in %city%\n"
                    + "--mix--\n");
            CopySpec spec = spec("bob@example.com", values()).literals(literals)
                .footer(TextAndHtml.of("Bye -name- and {{name}}", null)).build();

            byte[] copy = personalizeWith(message, spec);

            assertThat(text(leafOfType(strictlyParsed(copy), "text/plain"))).isEqualTo("Dear Łódź,\r\nBye -name- and Bob\r\n");
            assertThat(new String(copy, StandardCharsets.UTF_8))
                .contains("filename=notes.txt\r\n\r\nNotes for -name- in %city%\r\n--mix--");
        }

        @Test
        void leavesATagWithoutAValueAsWritten() throws IOException {
            byte[] message = message("From: a@example.com\nTo: bob@example.com\nSubject: -name- in %city%\n",
                "-name- in %city%\n");

            byte[] copy = personalizeWith(message, Map.of("-name-", "Ann"));

            assertThat(new String(copy, StandardCharsets.UTF_8)).endsWith("Subject: Ann in %city%\r\n\r\nAnn in %city%\r\n");
        }

        @Test
        void aMessageWhoseTagsHaveNoValuesIsCopiedByteForByte() throws IOException {
            byte[] message = message("From: a@example.com\nTo: bob@example.com\nSubject: -name- in\t%city%\n",
                "-name- in %city%\n");

            assertThat(personalizeWith(message, Map.of("-other-", "x"))).isEqualTo(message);
        }

        @Test
        void oneParseServesCopiesWithValuesOfTheirOwn() throws IOException {
            ParsedMessage parsed = ParsedMessage.parse(new ByteArrayInputStream(message(
                "From: a@example.com\nTo: bob@example.com\nSubject: s\n", "Dear -name-\n")), tags);

            byte[] forAnn = MessagePersonalizer.personalize(parsed,
                spec("ann@example.com", values()).literals(Map.of("-name-", "Ann")).build());
            byte[] forEve = MessagePersonalizer.personalize(parsed,
                spec("eve@example.com", values()).literals(Map.of("-name-", "Eve")).build());

            assertThat(new String(forAnn, StandardCharsets.UTF_8)).endsWith("\r\n\r\nDear Ann\r\n");
            assertThat(new String(forEve, StandardCharsets.UTF_8)).endsWith("\r\n\r\nDear Eve\r\n");
        }

        @Test
        void aMessageParsedWithoutLiteralTagsLeavesThemAlone() throws IOException {
            byte[] message = message("From: a@example.com\nTo: bob@example.com\nSubject: -name-\n", "-name-\n");

            assertThat(personalize(message, spec("bob@example.com", values()).literals(literals).build())).isEqualTo(message);
        }
    }

    @Nested
    class Parsing {
        @Test
        void refusesAnEmptyInput() {
            assertThatThrownBy(() -> ParsedMessage.parse(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no header field");
        }

        @Test
        void refusesInputWithoutAnyHeaderField() {
            assertThatThrownBy(() -> ParsedMessage.parse(new ByteArrayInputStream("just text\r\n".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no header field");
        }
    }
}
