package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

import org.smtpplus.core.linear.Adversarial;
import org.smtpplus.core.linear.CountingInputStream;
import org.smtpplus.core.linear.LinearTime;
import org.smtpplus.core.merge.LayeredMergeValues;
import org.smtpplus.core.merge.TextAndHtml;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The MIME parser and the check made at the end of DATA read a hostile message once, and stop early at a limit it
 * exceeds: on messages that grow in their nesting, their boundary, their parts, a header or a text body, the bytes they
 * read at most about double when the message doubles, and no error but a refusal comes out (2,000 nested multiparts
 * overflowed the parser's stack). What they do per byte read is bounded by the limits: mime4j reads a part through one
 * stream per enclosing multipart and searches each for its boundary, and the texts are read by the scanners whose
 * steps {@code HtmlScanningTest}, {@code EncodedWordsTest} and {@code MergeTagTest} count.
 */
class MimeLinearTimeTest {
    private static final int[] SIZES = {64 * 1024, 128 * 1024, 256 * 1024};
    private static final String HEADER = "From: shop@shop.example\r\nTo: ann@example.com\r\nMIME-Version: 1.0\r\n";
    private static final String TEXT_ALPHABET = "=? \t\r\n-<>{}|abAB09.;:\"";
    private static final List<String> TEXT_FRAGMENTS = List.of("=?a?b", "=20", "=\r\n", " =\r\n", "\r\n--b", "--b",
        "{{a|", "<body ", "<meta ", "charset=", "<", "=?utf-8?q?", "?=", " ", "\r\n ", "\"", ";");
    private static final CopySpec SPEC = CopySpec.builder()
        .recipient("bob@example.com")
        .values(LayeredMergeValues.of(List.of(Map.of("a", "é"))))
        .header(TextAndHtml.of("Hello {{a}}", null))
        .footer(TextAndHtml.of("-- footer", "<p>footer</p>"))
        .build();

    /** A message that grows with a size, and what makes it grow. */
    static final class Growing {
        private final String description;
        private final IntFunction<String> ofSize;

        Growing(String description, IntFunction<String> ofSize) {
            this.description = description;
            this.ofSize = ofSize;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    @Property(tries = 40)
    void parsesInOnePass(@ForAll("messages") Growing message) {
        LinearTime.assertLinear(message.description, SIZES, message.ofSize, (text, budget) -> {
            CountingInputStream counted = stream(text);
            try {
                ParsedMessage.parse(counted);
            } catch (MessageLimitException e) {
                assertThat(e.getMessage()).contains("the limit is");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return counted.bytesRead();
        });
    }

    @Property(tries = 40)
    void checksInOnePassAsTheParserReads(@ForAll("messages") Growing message) {
        LinearTime.assertLinear(message.description, SIZES, message.ofSize, (text, budget) -> {
            CountingInputStream counted = stream(text);
            Optional<String> refusal;
            try {
                refusal = MessageLimits.check(counted);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertThat(refusal).as("refusal").isEqualTo(parserRefusal(text));
            return counted.bytesRead();
        });
    }

    /** The smallest of each message, personalised: what passes the check makes a copy. */
    @Property(tries = 40)
    void personalisesWhatPassesTheCheck(@ForAll("messages") Growing message) throws IOException {
        String text = message.ofSize.apply(SIZES[0]);
        if (MessageLimits.check(stream(text)).isEmpty()) {
            assertThat(MessagePersonalizer.personalize(ParsedMessage.parse(stream(text)), SPEC)).isNotEmpty();
        }
    }

    private static Optional<String> parserRefusal(String message) {
        try {
            ParsedMessage.parse(stream(message));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static CountingInputStream stream(String message) {
        return new CountingInputStream(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Provide
    Arbitrary<Growing> messages() {
        Arbitrary<Adversarial> text = Arbitraries.oneOf(Adversarial.inputs(TEXT_ALPHABET, TEXT_FRAGMENTS),
            Arbitraries.of(Adversarial.of("", "=?a?b", ""), Adversarial.of("{{a|", " ", ""),
                Adversarial.of("", "<meta ", ""), Adversarial.of("", " ", "x")));
        return Arbitraries.oneOf(
            Arbitraries.of(new Growing("nested multiparts", MimeLinearTimeTest::nested),
                new Growing("a long boundary", MimeLinearTimeTest::longBoundary),
                new Growing("many parts", MimeLinearTimeTest::manyParts)),
            Combinators.combine(text, Arbitraries.of("text/plain", "text/html"),
                    Arbitraries.of("7bit", "quoted-printable", "base64"))
                .as(MimeLinearTimeTest::textBody),
            text.map(MimeLinearTimeTest::header));
    }

    /** A level is about 60 bytes: 256 KiB nest 4,000 deep. */
    private static String nested(int size) {
        return MessageLimitsTest.nested(size / 64);
    }

    private static String longBoundary(int size) {
        String boundary = "-".repeat(size / 4);
        return HEADER + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary
            + "\r\nContent-Type: text/plain\r\n\r\n" + ("-".repeat(size / 4 + 1) + "x\r\n").repeat(3) + "--" + boundary
            + "--\r\n";
    }

    private static String manyParts(int size) {
        String part = "--b\r\nContent-Type: text/plain\r\n\r\n{{a}}\r\n";
        return HEADER + "Content-Type: multipart/alternative; boundary=b\r\n\r\n" + part.repeat(size / part.length())
            + "--b--\r\n";
    }

    private static Growing textBody(Adversarial content, String mimeType, String transferEncoding) {
        return new Growing(mimeType + " " + transferEncoding + " body of " + content, size -> {
            String body = content.ofLength(size);
            if (transferEncoding.equals("base64")) {
                body = Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.ISO_8859_1));
            }
            return HEADER + "Subject: s\r\nContent-Type: " + mimeType + "\r\nContent-Transfer-Encoding: "
                + transferEncoding + "\r\n\r\n" + body + "\r\n";
        });
    }

    /** The Subject and the To of the message, folded where the content breaks lines. */
    private static Growing header(Adversarial content) {
        return new Growing("Subject and To of " + content, size -> {
            String value = content.ofLength(size).replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n ");
            return "From: shop@shop.example\r\nTo: " + value + " <bob@example.com>\r\nSubject: " + value
                + "\r\n\r\nHello\r\n";
        });
    }
}
