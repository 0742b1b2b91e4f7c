package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpplus.core.mime.MimeCorpus.decodedBytes;
import static org.smtpplus.core.mime.MimeCorpus.leafWithFilename;
import static org.smtpplus.core.mime.MimeCorpus.leaves;
import static org.smtpplus.core.mime.MimeCorpus.strictlyParsed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.codec.EncoderUtil;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.stream.Field;
import org.smtpplus.core.merge.Escaping;
import org.smtpplus.core.merge.LayeredMergeValues;
import org.smtpplus.core.merge.MergeEngine;
import org.smtpplus.core.merge.MergeValues;
import org.smtpplus.core.merge.TextAndHtml;
import org.smtpplus.core.mime.GeneratedMessage.BinaryPart;
import org.smtpplus.core.mime.GeneratedMessage.MultiPart;
import org.smtpplus.core.mime.GeneratedMessage.Part;
import org.smtpplus.core.mime.GeneratedMessage.TextPart;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class MessagePersonalizerPropertiesTest {
    private static final List<String> RECIPIENTS = List.of("alice@example.com", "carol@example.com", "dave@example.com");
    private static final List<Charset> CHARSETS = List.of(StandardCharsets.US_ASCII, StandardCharsets.ISO_8859_1, StandardCharsets.UTF_8);
    private static final List<String> TRANSFER_ENCODINGS = List.of("7bit", "8bit", "quoted-printable", "base64");

    /** One generated case: a message, and the copy spec to personalise it with. */
    static final class Case {
        final GeneratedMessage message;
        final String subject;
        final CopySpec spec;
        final String description;

        Case(GeneratedMessage message, String subject, CopySpec spec, String description) {
            this.message = message;
            this.subject = subject;
            this.spec = spec;
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    @Property(tries = 200)
    void copiesAreStrictlyValidMimeWithCrlfLines(@ForAll("cases") Case generated) throws IOException {
        byte[] copy = personalize(generated);

        assertThat(new String(copy, StandardCharsets.ISO_8859_1))
            .doesNotContainPattern("(?<!\r)\n")
            .doesNotContainPattern("\r(?!\n)");
        Message parsed = strictlyParsed(copy);
        // Reading every text body makes mime4j undo its transfer encoding and charset
        for (Entity leaf : leaves(parsed)) {
            if (leaf.getBody() instanceof TextBody) {
                try (Reader reader = ((TextBody) leaf.getBody()).getReader()) {
                    reader.transferTo(Writer.nullWriter());
                }
            }
        }
        List<String> names = parsed.getHeader().getFields().stream().map(Field::getName).collect(Collectors.toList());
        assertThat(names).doesNotContain("Bcc", "X-SmtpPlus", "X-Custom").containsOnlyOnce("To");
    }

    @Property(tries = 200)
    void attachmentsDecodeToTheSameBytes(@ForAll("cases") Case generated) throws IOException {
        Message original = strictlyParsed(generated.message.bytes());
        Message copy = strictlyParsed(personalize(generated));

        for (String filename : generated.message.attachments()) {
            assertThat(decodedBytes(leafWithFilename(copy, filename)))
                .as(filename)
                .isEqualTo(decodedBytes(leafWithFilename(original, filename)));
        }
    }

    @Property(tries = 200)
    void subjectCarriesTheRenderedSubject(@ForAll("cases") Case generated) throws IOException {
        Message parsed = strictlyParsed(personalize(generated));

        String subject = parsed.getHeader().getField("Subject").getBody().replace("\r\n", "");
        // The whitespace that follows the colon is not part of the subject
        assertThat(DecoderUtil.decodeEncodedWords(subject, DecodeMonitor.STRICT).stripLeading())
            .isEqualTo(MergeEngine.render(generated.subject, generated.spec.values(), Escaping.HEADER).stripLeading());
    }

    @Property(tries = 200)
    void theSubmissionCheckPassesEveryGeneratedMessage(@ForAll("cases") Case generated) throws IOException {
        assertThat(MessageLimits.check(new ByteArrayInputStream(generated.message.bytes()))).isEmpty();
    }

    private static byte[] personalize(Case generated) throws IOException {
        ParsedMessage message = ParsedMessage.parse(new ByteArrayInputStream(generated.message.bytes()));
        return MessagePersonalizer.personalize(message, generated.spec);
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(root(), subjectText(), Arbitraries.integers().between(0, 2), specs())
            .as(MessagePersonalizerPropertiesTest::toCase);
    }

    private static Case toCase(Part root, String subject, int subjectStyle, DescribedSpec described) {
        CopySpec spec = described.spec;
        String header = "From: Shop <news@shop.example>\r\n"
            + "To: Alice <alice@example.com>\r\n"
            + "Cc: carol@example.com\r\n"
            + "Bcc: dave@example.com\r\n"
            + "Subject: " + subjectField(subject, subjectStyle) + "\r\n"
            + "Date: Mon, 2 Nov 2026 10:00:00 +0000\r\n"
            + "Message-ID: <generated@shop.example>\r\n"
            + "X-SmtpPlus: {\"vars\": {}}\r\n"
            + "X-Custom: kept out\r\n"
            + "MIME-Version: 1.0\r\n";
        GeneratedMessage message = GeneratedMessage.write(header, root);
        return new Case(message, subject, spec,
            "subject[" + subjectStyle + "]=" + subject + " root=" + root + " rcpt=" + spec.recipient() + " " + described.description);
    }

    /** Raw UTF-8, B encoded words or Q encoded words. */
    private static String subjectField(String subject, int style) {
        switch (style) {
            case 0:
                return subject;
            case 1:
                return encodedWords(subject, EncoderUtil.Encoding.B);
            default:
                return encodedWords(subject, EncoderUtil.Encoding.Q);
        }
    }

    private static String encodedWords(String subject, EncoderUtil.Encoding encoding) {
        return EncoderUtil.encodeEncodedWord(subject, EncoderUtil.Usage.TEXT_TOKEN, "Subject: ".length(), StandardCharsets.UTF_8, encoding);
    }

    private Arbitrary<Part> root() {
        return Arbitraries.frequencyOf(
            Tuple.of(3, body()),
            Tuple.of(4, mixed()),
            Tuple.of(1, textPart("plain").map(MessagePersonalizerPropertiesTest::withoutBody)));
    }

    private static Part withoutBody(TextPart part) {
        return new TextPart(part.subType, part.charset, part.transferEncoding, "", false);
    }

    private Arbitrary<Part> mixed() {
        Arbitrary<Boolean> bodyFirstOrLast = Arbitraries.of(true, false);
        Arbitrary<Boolean> preambleAndEpilogue = Arbitraries.of(true, false);
        return Combinators.combine(body(), attachment().list().ofMinSize(1).ofMaxSize(3), bodyFirstOrLast, preambleAndEpilogue)
            .as((body, attachments, bodyFirst, framing) -> {
                List<Part> parts = new ArrayList<>(attachments);
                parts.add(bodyFirst ? 0 : parts.size(), body);
                return new MultiPart("mixed", parts, framing);
            });
    }

    private Arbitrary<Part> body() {
        return Arbitraries.oneOf(
            textPart("plain").map(part -> (Part) part),
            textPart("html").map(part -> (Part) part),
            alternative(textPart("html").map(part -> (Part) part)),
            related(),
            alternative(related()));
    }

    private Arbitrary<Part> alternative(Arbitrary<Part> rich) {
        return Combinators.combine(textPart("plain"), rich, Arbitraries.of(true, false))
            .as((plain, html, framing) -> new MultiPart("alternative", List.of(plain, html), framing));
    }

    private Arbitrary<Part> related() {
        return Combinators.combine(textPart("html"), binary("image/png").list().ofMinSize(1).ofMaxSize(2))
            .as((html, images) -> {
                List<Part> parts = new ArrayList<>(images);
                parts.add(0, html);
                return new MultiPart("related", parts, false);
            });
    }

    private Arbitrary<Part> attachment() {
        return Arbitraries.oneOf(
            binary("application/octet-stream"),
            binary("image/jpeg"),
            textAttachment());
    }

    private Arbitrary<Part> binary(String mimeType) {
        return Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(4000),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false))
            .as((bytes, quotedPrintable, nameInContentType) -> new BinaryPart(mimeType, bytes, quotedPrintable, nameInContentType));
    }

    private Arbitrary<Part> textAttachment() {
        return Combinators.combine(Arbitraries.of("plain", "html"), Arbitraries.of(CHARSETS), Arbitraries.of(TRANSFER_ENCODINGS), text())
            .as((subType, charset, transferEncoding, text) -> textPart(subType, charset, transferEncoding, text, true));
    }

    private Arbitrary<TextPart> textPart(String subType) {
        return Combinators.combine(Arbitraries.of(CHARSETS), Arbitraries.of(TRANSFER_ENCODINGS), text())
            .as((charset, transferEncoding, text) -> textPart(subType, charset, transferEncoding, text, false));
    }

    /** Only what the charset can hold, and a transfer encoding that can carry it, so the input is valid. */
    private static TextPart textPart(String subType, Charset charset, String transferEncoding, String text, boolean attachment) {
        String representable = new String(text.getBytes(charset), charset).replace('\uFFFD', '?');
        boolean ascii = representable.chars().allMatch(c -> c < 0x80);
        String carried = transferEncoding.equals("7bit") && !ascii ? "quoted-printable" : transferEncoding;
        return new TextPart(subType, charset, carried, representable, attachment);
    }

    private Arbitrary<String> text() {
        return token().list().ofMaxSize(60).map(tokens -> String.join("", tokens));
    }

    private Arbitrary<String> subjectText() {
        return token().filter(token -> !token.contains("\n")).list().ofMaxSize(25).map(tokens -> String.join("", tokens));
    }

    private static Arbitrary<String> token() {
        return Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12)),
            Tuple.of(4, Arbitraries.of(" ", "  ", ", ", ". ")),
            Tuple.of(2, Arbitraries.of("\r\n", "\r\n\r\n")),
            Tuple.of(3, Arbitraries.of("{{name}}", "{{ NAME }}", "{{city|Paris}}", "{{missing|fallback & <b>}}", "{{order.id}}",
                "{{unknown}}", "{{ }}", "{{a b}}", "{{", "}}", "{name}", "{{{name}}}")),
            Tuple.of(3, Arbitraries.of("é", "Grüße", "Łódź", "日本語", "😀", "€", "ñ", "Ωμέγα", "ß")),
            Tuple.of(2, Arbitraries.of("<b>", "</b>", "&amp;", "<", ">", "&", "\"", "'", "=", "?", "=?", "_", "\t")),
            Tuple.of(1, Arbitraries.of("<body>", "</body>", "<BODY class=\"x\">", "-- ", "From ", ".")));
    }

    /** A copy spec, and what it was made of, for a readable failure report. */
    static final class DescribedSpec {
        final CopySpec spec;
        final String description;

        DescribedSpec(CopySpec spec, String description) {
            this.spec = spec;
            this.description = description;
        }
    }

    private Arbitrary<DescribedSpec> specs() {
        Arbitrary<String> value = token().list().ofMaxSize(6).map(tokens -> String.join("", tokens));
        Arbitrary<Map<String, String>> values = Combinators.combine(value, value, value)
            .as((name, city, orderId) -> Map.of("name", name, "city", city, "order.id", orderId));
        Arbitrary<Optional<TextAndHtml>> template = Combinators.combine(text().injectNull(0.3), text().injectNull(0.3))
            .as(TextAndHtml::of)
            .optional(0.7);
        return Combinators.combine(Arbitraries.of(RECIPIENTS), values, template, template)
            .as((recipient, mergeValues, header, footer) -> new DescribedSpec(CopySpec.builder()
                .recipient(recipient)
                .values(layered(mergeValues))
                .header(header)
                .footer(footer)
                .build(), "values=" + mergeValues + " header=" + header + " footer=" + footer));
    }

    private static MergeValues layered(Map<String, String> values) {
        return LayeredMergeValues.of(List.of(values));
    }
}
