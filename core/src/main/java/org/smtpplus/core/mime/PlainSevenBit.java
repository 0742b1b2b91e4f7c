package org.smtpplus.core.mime;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Whether {@link SevenBitTransfer} would leave a message as it is, found in one pass over its bytes without parsing
 * its MIME structure (a mime4j parse of the whole tree was a sixth of the cost of signing a copy). It answers yes only
 * when that is certain, and no whenever it is not; a no costs nothing but the parse it would have saved:
 *
 * <ul>
 *   <li>every byte is 7-bit data (RFC 2045 section 2.7: ASCII without NUL, CR and LF only as CRLF, lines of 998
 *   octets at most), so no part's body, a range of these bytes, is anything else;</li>
 *   <li>every line that mentions {@code Content-Transfer-Encoding} (in any case, header or not) is exactly such a
 *   field, unfolded, naming {@code 7bit}, {@code quoted-printable} or {@code base64}: no part is labelled
 *   {@code 8bit} or {@code binary};</li>
 *   <li>in the message's own header (up to the first empty line, RFC 5322 section 2.1) every line that mentions
 *   {@code MIME-Version} is exactly {@code MIME-Version: 1.0}, unfolded, and there is at most one.</li>
 * </ul>
 */
final class PlainSevenBit {
    private static final byte[] TRANSFER_ENCODING = "content-transfer-encoding".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIME_VERSION = "mime-version".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> LEFT_AS_THEY_ARE = Set.of("7bit", "quoted-printable", "base64");
    private static final Set<String> VERSION_1_0 = Set.of("1.0");

    private PlainSevenBit() {
    }

    static boolean is(byte[] message) {
        boolean inHeader = true;
        int mimeVersions = 0;
        int start = 0;
        while (start < message.length) {
            int end = lineEnd(message, start);
            if (end < 0) {
                return false;
            }
            int length = end - start;
            if (length == 0) {
                inHeader = false;
            }
            boolean nextIsContinuation = end + 2 < message.length && (message[end + 2] == ' ' || message[end + 2] == '\t');
            if (contains(message, start, end, TRANSFER_ENCODING)
                && (nextIsContinuation || !isField(message, start, end, TRANSFER_ENCODING, LEFT_AS_THEY_ARE))) {
                return false;
            }
            if (inHeader && contains(message, start, end, MIME_VERSION)) {
                if (nextIsContinuation || !isField(message, start, end, MIME_VERSION, VERSION_1_0) || ++mimeVersions > 1) {
                    return false;
                }
            }
            start = end + 2;
        }
        return true;
    }

    /**
     * The index of the CR of the CRLF that ends the line starting at {@code start}, or of the message's end when its
     * last line has no line break; -1 when the line is no 7-bit data.
     */
    private static int lineEnd(byte[] message, int start) {
        for (int i = start; i < message.length; i++) {
            byte b = message[i];
            if (b <= 0 || b == '\n') {
                return -1;
            }
            if (b == '\r') {
                boolean crlf = i + 1 < message.length && message[i + 1] == '\n';
                return crlf && i - start <= LineEndings.MAX_LINE_LENGTH ? i : -1;
            }
        }
        return message.length - start <= LineEndings.MAX_LINE_LENGTH ? message.length : -1;
    }

    private static boolean contains(byte[] message, int start, int end, byte[] lowerCaseWord) {
        for (int i = start; i + lowerCaseWord.length <= end; i++) {
            if (startsWith(message, i, lowerCaseWord)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] message, int at, byte[] lowerCaseWord) {
        for (int j = 0; j < lowerCaseWord.length; j++) {
            if (Character.toLowerCase((char) message[at + j]) != lowerCaseWord[j]) {
                return false;
            }
        }
        return true;
    }

    /** The line is {@code name: value} (blanks allowed around the colon and the value), value one of {@code values}. */
    private static boolean isField(byte[] message, int start, int end, byte[] lowerCaseName, Set<String> values) {
        if (end - start < lowerCaseName.length || !startsWith(message, start, lowerCaseName)) {
            return false;
        }
        int colon = skipBlanks(message, start + lowerCaseName.length, end);
        if (colon == end || message[colon] != ':') {
            return false;
        }
        String value = new String(message, colon + 1, end - colon - 1, StandardCharsets.US_ASCII).trim();
        return values.contains(value.toLowerCase(Locale.ROOT));
    }

    private static int skipBlanks(byte[] message, int from, int end) {
        int i = from;
        while (i < end && (message[i] == ' ' || message[i] == '\t')) {
            i++;
        }
        return i;
    }
}
