package org.smtpplus.core.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.util.CharsetUtil;
import org.apache.james.mime4j.util.MimeUtil;
import org.smtpplus.core.merge.LiteralTags;

/** Undoes the transfer encoding and the charset of a text part's body. */
final class TextBodyDecoder {
    private static final Set<String> IDENTITY_ENCODINGS =
        Set.of(MimeUtil.ENC_7BIT, MimeUtil.ENC_8BIT, MimeUtil.ENC_BINARY);

    /**
     * @return empty when the transfer encoding is not one of RFC 2045 section 6.1, so the part stays untouched
     * @throws MessageLimitException when a decoded line is longer than {@link MessageLimits#MAX_DECODED_LINE_LENGTH}
     */
    static Optional<TextContent> decode(byte[] body, ContentProperties properties, LiteralTags literalTags)
        throws IOException {
        Optional<byte[]> decoded = transferDecoded(body, properties);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = decoded.get();
        Charset declared = properties.charset()
            .map(TextBodyDecoder::knownOrLatin1)
            .orElse(StandardCharsets.US_ASCII);
        return Optional.of(new TextContent(new String(bytes, readingCharset(declared, bytes)), declared, literalTags));
    }

    /**
     * The body without its transfer encoding, its lines checked: a body in an identity encoding is its own decoding,
     * and the others are decoded through a buffer no larger than the body.
     */
    private static Optional<byte[]> transferDecoded(byte[] body, ContentProperties properties) throws IOException {
        if (IDENTITY_ENCODINGS.contains(properties.transferEncoding())) {
            MessageLimits.checkDecodedText(body, properties.mimeType());
            return Optional.of(body);
        }
        Optional<InputStream> decoding = transferDecoded(new ByteArrayInputStream(body), properties.transferEncoding());
        if (decoding.isEmpty()) {
            return Optional.empty();
        }
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(body.length);
        try (InputStream in = decoding.get()) {
            MessageLimits.copyDecodedText(in, decoded, properties.mimeType(),
                Math.min(MessageLimits.READ_BUFFER_SIZE, body.length + 1));
        }
        return Optional.of(decoded.toByteArray());
    }

    /** An unknown charset must not lose the mail: ISO-8859-1 maps every byte to a character and back. */
    private static Charset knownOrLatin1(String charsetName) {
        return Optional.ofNullable(CharsetUtil.lookup(charsetName)).orElse(StandardCharsets.ISO_8859_1);
    }

    /**
     * The body as it reads once its transfer encoding is undone.
     *
     * @param transferEncoding lower case
     * @return empty for an encoding that is not one of RFC 2045 section 6.1
     */
    static Optional<InputStream> transferDecoded(InputStream body, String transferEncoding) {
        if (IDENTITY_ENCODINGS.contains(transferEncoding)) {
            return Optional.of(body);
        }
        if (MimeUtil.isQuotedPrintableEncoded(transferEncoding)) {
            return Optional.of(new QuotedPrintableInputStream(body, DecodeMonitor.SILENT));
        }
        if (MimeUtil.isBase64Encoding(transferEncoding)) {
            return Optional.of(new Base64InputStream(body, DecodeMonitor.SILENT));
        }
        return Optional.empty();
    }

    /**
     * 8-bit text labelled US-ASCII, or not labelled at all, is common: read it as UTF-8 when it is, else as
     * ISO-8859-1.
     */
    private static Charset readingCharset(Charset declared, byte[] bytes) {
        if (!declared.equals(StandardCharsets.US_ASCII) || ByteText.isAscii(bytes)) {
            return declared;
        }
        return ByteText.isUtf8(bytes, 0, bytes.length) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    }

    private TextBodyDecoder() {
    }
}
