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
    // RFC 2045 section 6.7 rule 5
    private static final int QUOTED_PRINTABLE_LINE_LENGTH = 76;
    // What identityDelimiterLine finds
    private static final int NOT_IDENTITY = -1;
    private static final int NONE = 0;
    private static final int FOUND = 1;

    /** The part's charset when it can hold the whole text, else UTF-8. */
    static Charset charsetFor(String text, Charset original) {
        return charsetFor(text, TextScan.of(text), original);
    }

    /** @param scan the text's, or that of the text it was made from by {@link LineEndings#toCrlf} */
    static Charset charsetFor(String text, TextScan scan, Charset original) {
        return scan.fitsIn(original).orElseGet(() -> original.canEncode() && original.newEncoder().canEncode(text))
            ? original
            : StandardCharsets.UTF_8;
    }

    /**
     * Base64 stays base64. Otherwise the bytes stay as they are when they are ASCII in short lines, which every
     * encoding can carry (labelled {@link #identityLabel}); anything else goes quoted-printable, safe for any relay.
     * A body whose encoded lines would read as a delimiter of an enclosing multipart (a merge value can hold line
     * breaks and dashes) goes base64, whose alphabet has no '-'.
     *
     * @param text with CRLF line breaks
     * @param enclosingBoundaries the boundaries of the multiparts around the part
     */
    static EncodedBody encode(String text, Charset charset, String originalTransferEncoding,
                              Collection<String> enclosingBoundaries) throws IOException {
        byte[] bytes = text.getBytes(charset);
        if (MimeUtil.isBase64Encoding(originalTransferEncoding)) {
            return base64(bytes);
        }
        if (!MimeUtil.isQuotedPrintableEncoded(originalTransferEncoding)) {
            // Whether the bytes can stay as they are, and whether they then hold a delimiter line, in one pass
            int delimiterLine = identityDelimiterLine(bytes, enclosingBoundaries);
            if (delimiterLine != NOT_IDENTITY) {
                return delimiterLine == NONE ? new EncodedBody(bytes, identityLabel(originalTransferEncoding)) : base64(bytes);
            }
        }
        EncodedBody body = quotedPrintable(bytes);
        return hasDelimiterLine(body.bytes(), enclosingBoundaries) ? base64(bytes) : body;
    }

    /**
     * What ASCII in short lines is labelled: {@code 7bit} where it said {@code 8bit} or {@code binary} (RFC 2045 section
     * 6.2: the label names the data as it is), as the signer's 7-bit form would relabel it (SevenBitTransfer); the copy
     * then needs no conversion there, which saves it a parse of its whole MIME tree.
     */
    private static String identityLabel(String originalTransferEncoding) {
        return MimeUtil.ENC_8BIT.equals(originalTransferEncoding) || MimeUtil.ENC_BINARY.equals(originalTransferEncoding)
            ? MimeUtil.ENC_7BIT
            : originalTransferEncoding;
    }

    private static EncodedBody base64(byte[] bytes) throws IOException {
        return new EncodedBody(encoded(bytes, Base64OutputStream::new), MimeUtil.ENC_BASE64);
    }

    /**
     * Reads the bytes once: {@link #NOT_IDENTITY} when they are not ASCII in lines of
     * {@link LineEndings#MAX_LINE_LENGTH} at most (CR and LF each ending one), which an identity encoding cannot carry;
     * else {@link #FOUND} when a line reads as a delimiter of an enclosing multipart (see {@link #hasDelimiterLine}),
     * {@link #NONE} when none does.
     */
    private static int identityDelimiterLine(byte[] bytes, Collection<String> boundaries) {
        boolean delimiter = false;
        int lineLength = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b < 0) {
                return NOT_IDENTITY;
            }
            if (!delimiter && (i == 0 || bytes[i - 1] == '\n')) {
                delimiter = isDelimiterLine(bytes, i, boundaries);
            }
            if (b == '\r' || b == '\n') {
                lineLength = 0;
            } else if (++lineLength > LineEndings.MAX_LINE_LENGTH) {
                return NOT_IDENTITY;
            }
        }
        return delimiter ? FOUND : NONE;
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

    /**
     * RFC 2046 section 5.1.1: a line that starts with "--" and a boundary ends the body part. Each line start is
     * compared with each boundary, read as ISO-8859-1 like the bytes: a boundary is 70 characters at most
     * ({@link MessageLimits#MAX_BOUNDARY_LENGTH}), and there are as many as the multiparts around the part.
     */
    private static boolean hasDelimiterLine(byte[] encoded, Collection<String> boundaries) {
        if (boundaries.isEmpty()) {
            return false;
        }
        for (int lineStart = 0; lineStart < encoded.length; lineStart = nextLineStart(encoded, lineStart)) {
            if (isDelimiterLine(encoded, lineStart, boundaries)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDelimiterLine(byte[] bytes, int lineStart, Collection<String> boundaries) {
        if (startsWithDashes(bytes, lineStart)) {
            for (String boundary : boundaries) {
                if (startsWith(bytes, lineStart + 2, boundary)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int nextLineStart(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return bytes.length;
    }

    private static boolean startsWithDashes(byte[] bytes, int at) {
        return at + 1 < bytes.length && bytes[at] == '-' && bytes[at + 1] == '-';
    }

    private static boolean startsWith(byte[] bytes, int at, String latin1) {
        if (at + latin1.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < latin1.length(); i++) {
            if ((bytes[at + i] & 0xFF) != latin1.charAt(i)) {
                return false;
            }
        }
        return true;
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

    private TextBodyEncoder() {
    }
}
