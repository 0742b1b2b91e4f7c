package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.james.mime4j.codec.Base64OutputStream;
import org.apache.james.mime4j.codec.QuotedPrintableOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.smtpplus.core.merge.LayeredMergeValues;
import org.smtpplus.core.merge.TextAndHtml;

/**
 * The exact bytes of personalised copies, recorded from the personaliser as it was before it was made to read a body
 * once (src/test/resources/personalizer-golden): a refactoring of the personaliser must keep every copy byte for byte.
 * The corpus is the messages of src/test/resources/mime-corpus under several copy specs, and messages generated from
 * fixed seeds: CRLF, LF and CR line breaks and mixes of them, 8-bit text in several charsets, lines longer than 998
 * octets, quoted-printable and base64 parts with merge tags split across encoded lines, nested multiparts, text
 * attachments, HTML with and without a body element and a meta charset, and values that need HTML escaping, hold line
 * breaks or would read as a boundary. A message the parser refuses records the refusal.
 *
 * <p>{@code -Dsmtpplus.golden.record=true} writes the expected files anew from the code under test (only ever for a
 * change of behaviour that is meant).</p>
 */
class PersonalizerGoldenTest {
    private static final String DIRECTORY = "personalizer-golden";
    private static final boolean RECORD = Boolean.getBoolean("smtpplus.golden.record");
    private static final List<String> CORPUS = List.of("single-text.eml", "html-only.eml", "alternative.eml", "related.eml",
        "alternative-related.eml", "latin1-qp.eml", "latin1-8bit.eml", "utf8-base64.eml", "no-body.eml", "long-header.eml",
        "untouched.eml");
    private static final int GENERATED = 60;
    private static final int SPECS = 4;

    static Stream<Arguments> cases() {
        Map<String, Object[]> cases = new LinkedHashMap<>();
        for (String name : CORPUS) {
            for (int spec = 0; spec < SPECS; spec++) {
                cases.put(name.replace(".eml", "") + "-spec" + spec, new Object[] {MimeCorpus.bytes(name), spec(spec)});
            }
        }
        handWritten(cases);
        for (int seed = 0; seed < GENERATED; seed++) {
            cases.put("generated-" + seed, new Object[] {generated(seed), spec(seed % SPECS)});
        }
        return cases.entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()[0], entry.getValue()[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void copiesAreByteForByteAsRecorded(String name, byte[] message, CopySpec spec) throws IOException {
        byte[] copy = copyOrRefusal(message, spec);
        if (RECORD) {
            Path file = Paths.get("src", "test", "resources", DIRECTORY, name + ".eml");
            Files.createDirectories(file.getParent());
            Files.write(file, copy);
            return;
        }
        assertThat(new String(copy, StandardCharsets.ISO_8859_1))
            .isEqualTo(new String(expected(name), StandardCharsets.ISO_8859_1));
    }

    private static byte[] copyOrRefusal(byte[] message, CopySpec spec) {
        try {
            ParsedMessage parsed = ParsedMessage.parse(new ByteArrayInputStream(message));
            byte[] copy = MessagePersonalizer.personalize(parsed, spec);
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            MessagePersonalizer.write(parsed, spec, streamed);
            assertThat(streamed.toByteArray()).isEqualTo(copy);
            return copy;
        } catch (IOException e) {
            return ("refused: " + e.getClass().getSimpleName() + ": " + e.getMessage()).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static byte[] expected(String name) {
        try (InputStream in = PersonalizerGoldenTest.class.getResourceAsStream("/" + DIRECTORY + "/" + name + ".eml")) {
            if (in == null) {
                throw new IllegalStateException("No recorded copy " + name + ".eml in " + DIRECTORY);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CopySpec spec(int variant) {
        switch (variant) {
            case 0:
                return CopySpec.builder()
                    .recipient("alice@example.com")
                    .values(values("name", "Bob", "order.id", "A-17", "item", "<b>Tom & Jerry</b>"))
                    .build();
            case 1:
                return CopySpec.builder()
                    .recipient("ALICE@Example.COM")
                    .values(values("name", "Zoë <&> \"quoted\" 'single'", "order.id", "A&B-17", "item", "<b>Tom & Jerry</b>",
                        "unsubscribe_url", "https://u.example/u/T0K?a=1&b=2", "currency", "€ / 日本 😀"))
                    .header(TextAndHtml.of("Hello from {{company|Shop}}", "<div class=\"hdr\">Hello from {{company|Shop}}</div>"))
                    .footer(TextAndHtml.of("Unsubscribe: {{unsubscribe_url}}",
                        "<div class=\"ftr\"><a href=\"{{unsubscribe_url}}\">Unsubscribe</a></div>"))
                    .build();
            case 2:
                return CopySpec.builder()
                    .recipient("zed@example.com")
                    .values(values("name", "Eve\r\n--=_generated_0--\r\n--mixed-0\r\n--alt\r\n", "order.id", "A-17\r",
                        "item", "\nitem", "company", "Line\rbreak"))
                    .header(TextAndHtml.of(null, "<p>Deals for <b>{{name}}</b> &amp; {{item}}</p><br>\n<br/>x"))
                    .footer(TextAndHtml.of("Bye {{name|friend}}\nSee you", null))
                    .passthroughHeaders(List.of("X-Order-Ref", "x-mailer"))
                    .listUnsubscribe("<mailto:u+T0K@bounce.example>, <https://u.example/u/T0K?a=1&b=2>")
                    .build();
            default:
                return CopySpec.builder()
                    .recipient("dave@example.com")
                    .values(values("name", "Müller", "order.id", "x".repeat(1100), "item", "trailing space ",
                        "currency", "EUR"))
                    .footer(TextAndHtml.of("Grüße, {{name}}\r\n", "<p>Grüße, {{name}}</p>"))
                    .build();
        }
    }

    private static LayeredMergeValues values(String... namesAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return LayeredMergeValues.of(List.of(values));
    }

    private static void handWritten(Map<String, Object[]> cases) {
        String header = "From: Shop <news@shop.example>\r\nTo: alice@example.com\r\nSubject: {{name}}\r\nMIME-Version: 1.0\r\n";
        cases.put("qp-tag-split-by-soft-break", new Object[] {ascii(header
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "Hello {{na=\r\nme}}, order {{order=\r\n.id|none}} caf=C3=A9=\r\n\r\n"), spec(0)});
        cases.put("base64-tag-split-across-lines", new Object[] {ascii(header
            + "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + base64("<html><body><p>Hello {{name}}, your order {{order.id}} and {{item}}.</p>\n".repeat(3)
                + "</body></html>\n")), spec(1)});
        cases.put("value-cr-meets-text-lf", new Object[] {ascii(header
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\nA{{order.id}}\nB{{company}}\rC{{item}}\r\nD\r"), spec(2)});
        cases.put("cr-only-message", new Object[] {ascii(("From: a@example.com\rTo: alice@example.com\rSubject: s {{name}}\r"
            + "Content-Type: text/plain\r\rHello {{name}}\rBye\r")), spec(0)});
        cases.put("lf-only-html-without-body-element", new Object[] {ascii(("From: a@example.com\nTo: alice@example.com\n"
            + "Content-Type: text/html; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n"
            + "<p>Hi {{name}}</p>\n<p>{{item}}</p>")), spec(1)});
        cases.put("empty-text-part", new Object[] {ascii(header + "Content-Type: text/plain\r\n\r\n"), spec(1)});
        cases.put("text-ends-without-line-break", new Object[] {ascii(header
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\nNo final break {{name}}"), spec(3)});
        cases.put("line-longer-than-998", new Object[] {ascii(header
            + "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
            + "y".repeat(990) + " {{name}}\r\nshort\r\n"), spec(0)});
        cases.put("no-tags-no-decoration", new Object[] {ascii(header
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\nNothing to merge here.\n{ {name}} {{}} {{a|\r\n"), spec(0)});
        cases.put("tag-equal-to-its-value", new Object[] {ascii(header
            + "Content-Type: text/plain\r\n\r\nKeep {{same}} as is\r\n"),
            CopySpec.builder().recipient("alice@example.com").values(values("same", "{{same}}")).build()});
        cases.put("html-meta-charset-switches", new Object[] {latin1(header
            + "Content-Type: text/html; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "<html><head><meta charset=3D\"iso-8859-1\"><META http-equiv=3D\"Content-Type\" content=3D\"text/html; "
            + "charset=3Diso-8859-1\"></head><BODY bgcolor=3D\"#fff\">M=FCnchen {{currency}} {{name}}</BODY ></html>\r\n"),
            spec(1)});
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String base64(String text) {
        return new String(encoded(text.getBytes(StandardCharsets.UTF_8), Base64OutputStream::new), StandardCharsets.US_ASCII);
    }

    private interface Encoder {
        OutputStream wrap(OutputStream out);
    }

    private static byte[] encoded(byte[] content, Encoder encoder) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream encoding = encoder.wrap(out)) {
            encoding.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // A message generated from a seed: the same bytes on every run and every JVM.

    private static final String[] WORDS = {"order", "Item", "price", "19.90", "EUR", "ship", "to", "the", "a", "--",
        "From", ".", "=", "=3D", "?=", "=?utf-8?q?x?=", "<b>", "&amp;", "&", "<", ">", "\"", "'", "\t", "  ", "{", "}",
        "{ {", "}}", "|", "{{", "{{a|", "{{}}", "--=_generated_0", "<body>", "</body>", "<br>"};
    private static final String[] TAGS = {"{{name}}", "{{ name | fallback text }}", "{{unknown|Dear friend}}", "{{order.id}}",
        "{{ITEM}}", "{{currency|EUR}}", "{{company}}", "{{unsubscribe_url}}", "{{name|x\n}}", "{{item|}}"};
    private static final String[] EIGHT_BIT = {"é", "Grüße", "München", "€", "日本語", "😀", "–", "Łódź", "ÿ", "\u00a0"};
    private static final String[][] CHARSETS = {{"us-ascii", "US-ASCII"}, {"iso-8859-1", "ISO-8859-1"},
        {"utf-8", "UTF-8"}, {null, "US-ASCII"}, {"windows-1252", "windows-1252"}, {"x-unknown", "ISO-8859-1"},
        {"UTF-8", "UTF-8"}};
    private static final String[] ENCODINGS = {null, "7bit", "8bit", "quoted-printable", "base64", "binary", "x-uuencode"};

    private static byte[] generated(int seed) {
        Random random = new Random(seed * 7919L + 17);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "From: Shop <news@shop.example>\r\n");
        write(out, random.nextBoolean() ? "To: Alice <alice@example.com>, bob@example.com\r\n" : "To: bob@example.com\r\n");
        if (random.nextBoolean()) {
            write(out, "Cc: Team: carol@example.com, zed@example.com;\r\n");
        }
        write(out, "Subject: " + text(random, 6, false).replace("\r", " ").replace("\n", " ") + "\r\n");
        write(out, "X-Order-Ref: A-" + seed + "\r\nX-SmtpPlus: {\"vars\": {}}\r\nMessage-ID: <gen-" + seed + "@shop.example>\r\n");
        write(out, "MIME-Version: 1.0\r\n");
        entity(out, random, 0, new int[] {0});
        byte[] crlf = out.toByteArray();
        return lineBreaks(crlf, random.nextInt(5), random);
    }

    private static void entity(ByteArrayOutputStream out, Random random, int depth, int[] boundaries) {
        int kind = depth >= 3 ? random.nextInt(3) : random.nextInt(7);
        if (kind < 3) {
            textPart(out, random, kind == 1 ? "html" : "plain", kind == 2 && depth > 0);
        } else if (kind == 3 && depth > 0) {
            binaryPart(out, random);
        } else if (kind == 4 && depth > 0) {
            write(out, "Content-Type: message/rfc822\r\n\r\nFrom: x@example.org\r\nSubject: fwd {{name}}\r\n\r\nBody {{name}}\r\n");
        } else {
            String[] subTypes = {"mixed", "alternative", "related"};
            String subType = subTypes[random.nextInt(subTypes.length)];
            String boundary = "=_generated_" + boundaries[0]++;
            write(out, "Content-Type: multipart/" + subType + "; boundary=\"" + boundary + "\"\r\n\r\n");
            boolean frame = random.nextBoolean();
            if (frame) {
                write(out, "Preamble {{name}}\r\n");
            }
            int parts = 1 + random.nextInt(3);
            for (int i = 0; i < parts; i++) {
                write(out, (i == 0 && !frame ? "" : "\r\n") + "--" + boundary + "\r\n");
                entity(out, random, depth + 1, boundaries);
            }
            write(out, "\r\n--" + boundary + "--" + (frame ? "\r\nEpilogue {{name}}\r\n" : random.nextBoolean() ? "\r\n" : ""));
        }
    }

    private static void textPart(ByteArrayOutputStream out, Random random, String subType, boolean attachment) {
        String[] charset = CHARSETS[random.nextInt(CHARSETS.length)];
        String encoding = ENCODINGS[random.nextInt(ENCODINGS.length)];
        write(out, "Content-Type: text/" + subType + (charset[0] == null ? "" : "; charset=" + charset[0]) + "\r\n");
        if (attachment) {
            write(out, "Content-Disposition: attachment; filename=\"notes.txt\"\r\n");
        }
        if (encoding != null) {
            write(out, "Content-Transfer-Encoding: " + encoding + "\r\n");
        }
        write(out, "\r\n");
        String text = subType.equals("html") ? html(random) : text(random, 20 + random.nextInt(120), true);
        Charset javaCharset = Charset.forName(charset[1]);
        byte[] content = text.getBytes(javaCharset);
        if ("quoted-printable".equals(encoding)) {
            out.writeBytes(encoded(content, stream -> new QuotedPrintableOutputStream(stream, false)));
        } else if ("base64".equals(encoding)) {
            out.writeBytes(encoded(content, Base64OutputStream::new));
        } else {
            out.writeBytes(content);
        }
    }

    private static String html(Random random) {
        StringBuilder html = new StringBuilder();
        int shape = random.nextInt(4);
        if (shape == 0) {
            html.append("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head>"
                + "<body style=\"x\">\n");
        } else if (shape == 1) {
            html.append("<HTML><BODY>");
        } else if (shape == 2) {
            html.append("<html><head><meta charset='utf-8'></head><body>\r\n");
        }
        html.append("<p>").append(text(random, 10 + random.nextInt(60), true)).append("</p>\n");
        if (shape < 2) {
            html.append("</body></html>");
        } else if (shape == 2) {
            html.append("</Body >\n</html>\n");
        }
        return html.toString();
    }

    private static String text(Random random, int tokens, boolean lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            int kind = random.nextInt(20);
            if (kind < 9) {
                text.append(WORDS[random.nextInt(WORDS.length)]);
            } else if (kind < 13) {
                text.append(TAGS[random.nextInt(TAGS.length)]);
            } else if (kind < 15) {
                text.append(EIGHT_BIT[random.nextInt(EIGHT_BIT.length)]);
            } else if (kind < 19 || !lines) {
                text.append(' ');
            } else {
                int lineBreak = random.nextInt(12);
                text.append(lineBreak < 8 ? "\r\n" : lineBreak < 10 ? "\n" : lineBreak < 11 ? "\r" : "x".repeat(1000) + "\r\n");
            }
        }
        if (random.nextBoolean()) {
            text.append(random.nextBoolean() ? "\r\n" : " ");
        }
        return text.toString();
    }

    private static void binaryPart(ByteArrayOutputStream out, Random random) {
        byte[] bytes = new byte[random.nextInt(600)];
        random.nextBytes(bytes);
        write(out, "Content-Type: image/png; name=\"pic.png\"\r\nContent-ID: <pic@x>\r\n");
        if (random.nextBoolean()) {
            write(out, "Content-Transfer-Encoding: base64\r\n\r\n");
            out.writeBytes(encoded(bytes, Base64OutputStream::new));
        } else {
            write(out, "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
            out.writeBytes(encoded(bytes, stream -> new QuotedPrintableOutputStream(stream, true)));
        }
    }

    /** 0 and 1: as written (CRLF), 2: LF, 3: CR, 4: each line break picked at random. */
    private static byte[] lineBreaks(byte[] crlf, int style, Random random) {
        if (style < 2) {
            return crlf;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(crlf.length);
        for (int i = 0; i < crlf.length; i++) {
            if (crlf[i] == '\r' && i + 1 < crlf.length && crlf[i + 1] == '\n') {
                i++;
                int pick = style == 4 ? random.nextInt(3) : style - 1;
                out.writeBytes(pick == 0 ? new byte[] {'\r', '\n'} : pick == 1 ? new byte[] {'\n'} : new byte[] {'\r'});
            } else {
                out.write(crlf[i]);
            }
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
