package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smtpplus.core.linear.CountingInputStream;
import org.smtpplus.core.merge.LayeredMergeValues;
import org.smtpplus.core.merge.TextAndHtml;

class MessageLimitsTest {
    private static final String NESTED_TOO_DEEP = "MIME multiparts are nested more than 16 deep; the limit is 16";
    private static final String HEADER = "From: shop@shop.example\r\nTo: ann@example.com\r\nSubject: Hi\r\n"
        + "MIME-Version: 1.0\r\n";
    private static final CopySpec SPEC = CopySpec.builder()
        .recipient("ann@example.com")
        .values(LayeredMergeValues.of(List.of(Map.of("name", "Ann"))))
        .footer(TextAndHtml.of("-- footer", null))
        .build();

    /** Multiparts each holding the next, the innermost a text part. */
    static String nested(int depth) {
        StringBuilder message = new StringBuilder(HEADER);
        for (int level = 0; level < depth; level++) {
            message.append("Content-Type: multipart/mixed; boundary=\"level").append(level).append("\"\r\n\r\n--level")
                .append(level).append("\r\n");
        }
        message.append("Content-Type: text/plain\r\n\r\nHello {{name}}\r\n");
        for (int level = depth - 1; level >= 0; level--) {
            message.append("--level").append(level).append("--\r\n");
        }
        return message.toString();
    }

    static String textPart(String mimeType, String transferEncoding, String body) {
        return HEADER + "Content-Type: " + mimeType + "; charset=utf-8\r\nContent-Transfer-Encoding: "
            + transferEncoding + "\r\n\r\n" + body + "\r\n";
    }

    private static Optional<String> check(String message) throws IOException {
        return MessageLimits.check(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static ParsedMessage parse(String message) throws IOException {
        return ParsedMessage.parse(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String personalized(String message) throws IOException {
        return new String(MessagePersonalizer.personalize(parse(message), SPEC), StandardCharsets.ISO_8859_1);
    }

    @Nested
    class Nesting {
        @Test
        void aMessageNested2000DeepIsRefusedNamingTheLimit() throws IOException {
            String message = nested(2000);

            assertThatThrownBy(() -> parse(message))
                .isInstanceOf(MessageLimitException.class)
                .hasMessage(NESTED_TOO_DEEP);
            assertThat(check(message)).contains(NESTED_TOO_DEEP);
        }

        @Test
        void sixteenLevelsAreRead() throws IOException {
            String message = nested(MessageLimits.MAX_NESTING_DEPTH);

            assertThat(check(message)).isEmpty();
            assertThat(personalized(message)).contains("Hello Ann\r\n-- footer\r\n");
        }

        @Test
        void seventeenAreTooMany() throws IOException {
            String message = nested(MessageLimits.MAX_NESTING_DEPTH + 1);

            assertThatThrownBy(() -> parse(message)).hasMessage(NESTED_TOO_DEEP);
            assertThat(check(message)).contains(NESTED_TOO_DEEP);
        }

        @Test
        void anAttachedMessageIsContentNotStructure() throws IOException {
            String attached = nested(40).substring(HEADER.length());
            String message = HEADER + "Content-Type: multipart/mixed; boundary=outer\r\n\r\n--outer\r\n"
                + "Content-Type: text/plain\r\n\r\nSee attached\r\n--outer\r\nContent-Type: message/rfc822\r\n\r\n"
                + HEADER + attached + "--outer--\r\n";

            assertThat(check(message)).isEmpty();
            assertThat(personalized(message)).contains(attached);
        }

        @Test
        void theCheckStopsReadingAtTheLevelBeyondTheLimit() throws IOException {
            byte[] message = nested(2000).getBytes(StandardCharsets.US_ASCII);
            CountingInputStream counted = new CountingInputStream(new ByteArrayInputStream(message));

            assertThat(MessageLimits.check(counted)).contains(NESTED_TOO_DEEP);
            assertThat(counted.bytesRead()).isLessThan(message.length / 10);
        }
    }

    @Nested
    class Boundaries {
        private String withBoundary(String boundary) {
            return HEADER + "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary
                + "\r\nContent-Type: text/plain\r\n\r\nHello\r\n--" + boundary + "--\r\n";
        }

        @Test
        void aBoundaryOf70CharactersIsRead() throws IOException {
            String message = withBoundary("b".repeat(MessageLimits.MAX_BOUNDARY_LENGTH));

            assertThat(check(message)).isEmpty();
            assertThat(personalized(message)).contains("Hello\r\n-- footer\r\n");
        }

        @Test
        void aLongerBoundaryIsRefusedBeforeItIsLookedFor() throws IOException {
            String boundary = "-".repeat(8000);
            String message = withBoundary(boundary).replace("Hello", ("-".repeat(8001) + "x\r\n").repeat(200));
            String refusal = "a MIME boundary is 8000 characters long; the limit is 70 (RFC 2046 section 5.1.1)";

            assertThatThrownBy(() -> parse(message)).isInstanceOf(MessageLimitException.class).hasMessage(refusal);
            assertThat(check(message)).contains(refusal);
        }
    }

    @Nested
    class DecodedLines {
        private final int limit = MessageLimits.MAX_DECODED_LINE_LENGTH;

        /** Quoted-printable lines of 76 characters, soft breaks between them, decode to a single line. */
        private String quotedPrintableLine(int decodedLength) {
            StringBuilder encoded = new StringBuilder();
            for (int written = 0; written < decodedLength; written += 75) {
                encoded.append("a".repeat(Math.min(75, decodedLength - written))).append("=\r\n");
            }
            return encoded.toString();
        }

        private String base64Line(int decodedLength) {
            byte[] line = "b".repeat(decodedLength).getBytes(StandardCharsets.US_ASCII);
            return Base64.getMimeEncoder().encodeToString(line);
        }

        @Test
        void aQuotedPrintableLineLongerThanTheLimitIsRefused() throws IOException {
            String message = textPart("text/plain", "quoted-printable", quotedPrintableLine(limit + 1));
            String refusal =
                "a text/plain part has a decoded line longer than 1048576 bytes; the limit is 1048576 bytes";

            assertThatThrownBy(() -> parse(message)).isInstanceOf(MessageLimitException.class).hasMessage(refusal);
            assertThat(check(message)).contains(refusal);
        }

        @Test
        void aLineOfTheLimitIsRead() throws IOException {
            String message = textPart("text/plain", "quoted-printable", quotedPrintableLine(limit));

            assertThat(check(message)).isEmpty();
            assertThat(personalized(message)).contains("-- footer");
        }

        @Test
        void aBase64HtmlLineLongerThanTheLimitIsRefused() throws IOException {
            String message = textPart("text/html", "base64", base64Line(limit + 1));
            String refusal =
                "a text/html part has a decoded line longer than 1048576 bytes; the limit is 1048576 bytes";

            assertThatThrownBy(() -> parse(message)).hasMessage(refusal);
            assertThat(check(message)).contains(refusal);
        }

        @Test
        void aLineBreakOfEitherKindEndsALine() throws IOException {
            String body = quotedPrintableLine(limit - 2) + "=0D" + quotedPrintableLine(limit - 2) + "=0A"
                + quotedPrintableLine(limit - 2);

            assertThat(check(textPart("text/plain", "quoted-printable", body))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64",
            "Content-Type: text/plain; name=\"notes.txt\"\r\nContent-Transfer-Encoding: base64",
            "Content-Type: text/plain\r\nContent-Disposition: attachment\r\nContent-Transfer-Encoding: base64",
            "Content-Type: text/plain\r\nContent-Transfer-Encoding: x-unknown"})
        void aPartThePersonaliserDoesNotDecodeIsNotMeasured(String fields) throws IOException {
            String message = HEADER + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\nHello\r\n--b\r\n" + fields + "\r\n\r\n" + base64Line(limit + 1)
                + "\r\n--b--\r\n";

            assertThat(check(message)).isEmpty();
            assertThat(personalized(message)).contains("Hello\r\n-- footer\r\n");
        }
    }

    @Nested
    class WhatThePersonaliserReads {
        @ParameterizedTest
        @ValueSource(strings = {"alternative-related.eml", "alternative.eml", "html-only.eml", "latin1-8bit.eml",
            "latin1-qp.eml", "long-header.eml", "no-body.eml", "related.eml", "single-text.eml", "untouched.eml",
            "utf8-base64.eml"})
        void passesEveryMessageOfTheCorpus(String name) throws IOException {
            assertThat(MessageLimits.check(new ByteArrayInputStream(MimeCorpus.bytes(name)))).isEmpty();
        }

        @Test
        void readsAMessageOnce() throws IOException {
            byte[] message = MimeCorpus.bytes("alternative-related.eml");
            CountingInputStream counted = new CountingInputStream(new ByteArrayInputStream(message));

            assertThat(MessageLimits.check(counted)).isEmpty();
            assertThat(counted.bytesRead()).isEqualTo(message.length);
        }

        @Test
        void refusesAMessageWithoutHeaderAsThePersonaliserDoes() throws IOException {
            String message = "\r\nJust a body\r\n";

            assertThatThrownBy(() -> parse(message)).hasMessage(ParsedMessage.NO_HEADER_FIELD);
            assertThat(check(message)).contains(ParsedMessage.NO_HEADER_FIELD);
        }
    }
}
