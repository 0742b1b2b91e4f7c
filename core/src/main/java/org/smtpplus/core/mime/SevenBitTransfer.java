package org.smtpplus.core.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.mime4j.util.MimeUtil;
import org.smtpplus.core.merge.LiteralTags;

/**
 * Puts a message into the form in which it leaves signed: every part a 7-bit transfer carries as it is, and nothing
 * James's RemoteDelivery would still rewrite once the signature is made. Without 8BITMIME at the next hop (RFC 6152),
 * RemoteDelivery re-encodes each part labelled {@code 8bit} and calls {@code saveChanges()}, which sets
 * {@code MIME-Version: 1.0}; either would break a DKIM signature made before (RFC 6376 section 5.3 asks signers to
 * convert to 7-bit first for this reason).
 *
 * <ul>
 *   <li>A leaf body in an identity encoding (RFC 2045 section 6.2: {@code 7bit}, {@code 8bit}, {@code binary}, or
 *   none) whose bytes are not 7-bit data (RFC 2045 section 2.7: ASCII without NUL, CR and LF only as CRLF, lines of
 *   998 octets at most) is re-encoded: quoted-printable for text, base64 otherwise, including an attached
 *   {@code message/rfc822}. RFC 2046 section 5.2.1 allows only identity encodings there, but a relay without
 *   8BITMIME has no other way to carry it intact, and James's own {@code Converter7Bit} does the same.</li>
 *   <li>A leaf labelled {@code 8bit} or {@code binary} whose bytes are 7-bit data, and a multipart so labelled (its
 *   parts now all 7-bit), are labelled {@code 7bit}.</li>
 *   <li>Quoted-printable and base64 bodies, and unknown encodings, stay as they are.</li>
 *   <li>More than one {@code MIME-Version} field, or one whose value is not {@code 1.0}, becomes a single
 *   {@code MIME-Version: 1.0}.</li>
 * </ul>
 *
 * <p>A message that needs none of this is returned as it is, byte for byte. The parts come from mime4j's token stream
 * ({@link MimeTreeParser}) and the codecs are mime4j's; the walk that writes the message back is the
 * {@link MimeTreeWriter} that {@link CopyWriter} uses too, because mime4j's and javax.mail's writers serialise every
 * part anew, where here only the parts that change are touched.</p>
 */
public final class SevenBitTransfer {
    private static final Set<String> IDENTITY_ENCODINGS = Set.of(MimeUtil.ENC_7BIT, MimeUtil.ENC_8BIT, MimeUtil.ENC_BINARY);
    private static final String MIME_VERSION = "MIME-Version";
    private static final String VERSION = "1.0";

    /**
     * @return {@code message} itself when it needs no change, else the message re-encoded
     * @throws MessageLimitException when the message needs a change and exceeds one of the {@link MessageLimits}
     * @throws IOException when it needs a change and is no MIME message mime4j can read
     */
    public static byte[] encode(byte[] message) throws IOException {
        if (PlainSevenBit.is(message)) {
            return message;
        }
        return encodeByTree(message);
    }

    /** {@link #encode} without the scan that finds most messages need no change: the reference the scan is tested on. */
    static byte[] encodeByTree(byte[] message) throws IOException {
        MimePart root = ParsedMessage.parseTree(new ByteArrayInputStream(message), LiteralTags.NONE);
        if (!needsChange(root) && !hasOddMimeVersion(root.fields())) {
            return message;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 3 + 256);
        new Writer(out).writeMessage(root);
        return out.toByteArray();
    }

    private static boolean needsChange(MimePart part) {
        if (part.multipart().isPresent()) {
            return isEightBitLabel(part) || part.multipart().get().parts().stream().anyMatch(SevenBitTransfer::needsChange);
        }
        return isEightBitLabel(part) || (isIdentityEncoded(part) && !isSevenBitData(part.body()));
    }

    private static boolean isIdentityEncoded(MimePart part) {
        return IDENTITY_ENCODINGS.contains(part.properties().transferEncoding());
    }

    private static boolean isEightBitLabel(MimePart part) {
        String encoding = part.properties().transferEncoding();
        return encoding.equals(MimeUtil.ENC_8BIT) || encoding.equals(MimeUtil.ENC_BINARY);
    }

    /** RFC 2045 section 2.7. */
    private static boolean isSevenBitData(byte[] body) {
        int lineLength = 0;
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b <= 0) {
                return false;
            }
            if (b == '\r') {
                if (i + 1 == body.length || body[i + 1] != '\n') {
                    return false;
                }
                i++;
                lineLength = 0;
            } else if (b == '\n') {
                return false;
            } else if (++lineLength > LineEndings.MAX_LINE_LENGTH) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasOddMimeVersion(List<HeaderField> fields) {
        List<HeaderField> versions = versions(fields);
        return versions.size() > 1 || (versions.size() == 1 && !versions.get(0).unfoldedBody().trim().equals(VERSION));
    }

    private static List<HeaderField> versions(List<HeaderField> fields) {
        return fields.stream().filter(field -> field.hasName(MIME_VERSION)).collect(Collectors.toList());
    }

    private static final class Writer extends MimeTreeWriter {
        private Writer(OutputStream out) {
            super(out);
        }

        void writeMessage(MimePart root) throws IOException {
            List<HeaderField> fields = root.fields();
            if (hasOddMimeVersion(fields)) {
                fields = ContentHeaders.replaced(fields, HeaderField.of(MIME_VERSION, VERSION));
            }
            // RFC 2045 section 4: the Content-Transfer-Encoding fields written here mean MIME only next to a version
            writeEntity(root, CopyWriter.withMimeVersion(fields));
            endMessage(root);
        }

        @Override
        void writePart(MimePart part) throws IOException {
            writeEntity(part, part.fields());
        }

        private void writeEntity(MimePart part, List<HeaderField> fields) throws IOException {
            if (part.multipart().isPresent()) {
                writeFields(isEightBitLabel(part) ? ContentHeaders.withTransferEncoding(fields, MimeUtil.ENC_7BIT) : fields);
                writeMultipart(part.multipart().get());
            } else if (isIdentityEncoded(part) && !isSevenBitData(part.body())) {
                boolean text = part.properties().mimeType().toLowerCase(Locale.ROOT).startsWith("text/");
                EncodedBody body = TextBodyEncoder.sevenBit(part.body(), text, enclosingBoundaries());
                writeFields(ContentHeaders.withTransferEncoding(fields, body.transferEncoding()));
                writeBody(body.bytes());
            } else {
                writeFields(isEightBitLabel(part) ? ContentHeaders.withTransferEncoding(fields, MimeUtil.ENC_7BIT) : fields);
                writeBody(part.body());
            }
        }
    }

    private SevenBitTransfer() {
    }
}
