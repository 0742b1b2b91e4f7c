package org.smtpplus.core.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

import org.apache.james.mime4j.codec.Base64OutputStream;
import org.apache.james.mime4j.codec.QuotedPrintableOutputStream;
import org.apache.james.mime4j.util.MimeUtil;

/** Puts rewritten text back into a charset and a transfer encoding, changing as little as it can. */
final class TextBodyEncoder {
    // RFC 5322 section 2.1.1: a line is at most 998 characters, CRLF excluded
    private static final int MAX_LINE_LENGTH = 998;
    // RFC 2045 section 6.7 rule 5
    private static final int QUOTED_PRINTABLE_LINE_LENGTH = 76;

    /** The part's charset when it can hold the whole text, else UTF-8. */
    static Charset charsetFor(String text, Charset original) {
        if (original.canEncode() && original.newEncoder().canEncode(text)) {
            return original;
        }
        return StandardCharsets.UTF_8;
    }

    /**
     * Base64 stays base64. Otherwise the original transfer encoding stays when the bytes are ASCII in short
     * lines, which every encoding can carry; anything else goes quoted-printable, safe for any relay. A body whose
     * encoded lines would read as a delimiter of an enclosing multipart (a merge value can hold line breaks and
     * dashes) goes base64, whose alphabet has no '-'.
     *
     * @param text with CRLF line breaks
     * @param enclosingBoundaries the boundaries of the multiparts around the part
     */
    static EncodedBody encode(String text, Charset charset, String originalTransferEncoding,
                              Collection<String> enclosingBoundaries) throws IOException {
        byte[] bytes = text.getBytes(charset);
        if (!MimeUtil.isBase64Encoding(originalTransferEncoding)) {
            EncodedBody body = textual(bytes, originalTransferEncoding);
            if (!hasDelimiterLine(body.bytes(), enclosingBoundaries)) {
                return body;
            }
        }
        return new EncodedBody(encoded(bytes, Base64OutputStream::new), MimeUtil.ENC_BASE64);
    }

    /**
     * A body whose bytes no 7-bit transfer can carry, put into one: quoted-printable for text, its line breaks made
     * CRLF first (RFC 2045 section 6.7 rule 4: a text's line breaks are CRLF hard breaks), base64 for anything else and
     * for text whose quoted-printable lines would read as a delimiter of an enclosing multipart.
     *
     * @param enclosingBoundaries the boundaries of the multiparts around the part
     */
    static EncodedBody sevenBit(byte[] bytes, boolean text, Collection<String> enclosingBoundaries) throws IOException {
        byte[] content = text ? LineEndings.toCrlf(bytes) : bytes;
        if (text) {
            EncodedBody body = quotedPrintable(content);
            if (!hasDelimiterLine(body.bytes(), enclosingBoundaries)) {
                return body;
            }
        }
        return new EncodedBody(encoded(content, Base64OutputStream::new), MimeUtil.ENC_BASE64);
    }

    private static EncodedBody textual(byte[] bytes, String originalTransferEncoding) throws IOException {
        if (ByteText.isAscii(bytes) && longestLine(bytes) <= MAX_LINE_LENGTH) {
            return MimeUtil.isQuotedPrintableEncoded(originalTransferEncoding)
                ? quotedPrintable(bytes)
                : new EncodedBody(bytes, originalTransferEncoding);
        }
        return quotedPrintable(bytes);
    }

    // RFC 2046 section 5.1.1: a line that starts with "--" and a boundary ends the body part
    private static boolean hasDelimiterLine(byte[] encoded, Collection<String> boundaries) {
        String body = new String(encoded, StandardCharsets.ISO_8859_1);
        return boundaries.stream().anyMatch(boundary ->
            body.startsWith("--" + boundary) || body.contains("\n--" + boundary));
    }

    private static EncodedBody quotedPrintable(byte[] bytes) throws IOException {
        byte[] encoded = encoded(bytes, out -> new QuotedPrintableOutputStream(out, false));
        return new EncodedBody(withFinalWhitespaceEscaped(encoded), MimeUtil.ENC_QUOTED_PRINTABLE);
    }

    /**
     * RFC 2045 section 6.7 rule 3: a reader drops whitespace that ends an encoded line, and mime4j leaves
     * the one that ends the text unescaped.
     */
    private static byte[] withFinalWhitespaceEscaped(byte[] encoded) {
        int last = encoded.length - 1;
        if (last < 0 || (encoded[last] != ' ' && encoded[last] != '\t')) {
            return encoded;
        }
        String escape = encoded[last] == ' ' ? "=20" : "=09";
        int lineLength = last - (lastIndexOfLineFeed(encoded) + 1);
        String tail = lineLength + escape.length() > QUOTED_PRINTABLE_LINE_LENGTH ? "=\r\n" + escape : escape;
        ByteArrayOutputStream escaped = new ByteArrayOutputStream(encoded.length + tail.length());
        escaped.write(encoded, 0, last);
        escaped.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
        return escaped.toByteArray();
    }

    private static int lastIndexOfLineFeed(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private interface Encoding {
        OutputStream wrap(OutputStream out);
    }

    private static byte[] encoded(byte[] bytes, Encoding encoding) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream(bytes.length * 4 / 3 + 16);
        try (OutputStream encoder = encoding.wrap(sink)) {
            encoder.write(bytes);
        }
        return sink.toByteArray();
    }

    private static int longestLine(byte[] bytes) {
        int longest = 0;
        int current = 0;
        for (byte b : bytes) {
            if (b == '\r' || b == '\n') {
                current = 0;
            } else {
                current++;
                longest = Math.max(longest, current);
            }
        }
        return longest;
    }

    private TextBodyEncoder() {
    }
}
