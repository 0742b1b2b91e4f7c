package org.smtpplus.core.mime;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * Decodes the RFC 2047 encoded words of a header value exactly as mime4j's
 * {@code DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT)} does, in linear time.
 *
 * <p>mime4j looks for the {@code ?}, {@code ?} and {@code ?=} that end a word from every {@code =?} it meets, and
 * when one is missing it moves on by two characters and looks again: a value of {@code =?a?b} repeated makes it
 * search to the end of the value once per repetition, quadratic time on a Subject or a display name anyone can send.
 * Those searches only move forward, so once one fails every later one fails too: here the rest of the value is then
 * kept as it is, which is what mime4j ends up doing. Each word found is decoded by mime4j itself.</p>
 */
public final class EncodedWords {

    public static String decode(CharSequence value) {
        int length = value.length();
        StringBuilder decoded = new StringBuilder(length);
        int position = 0;
        while (position < length) {
            int start = indexOf(value, '=', '?', position);
            int charsetEnd = start < 0 ? -1 : indexOf(value, '?', start + 2);
            int encodingEnd = charsetEnd < 0 ? -1 : indexOf(value, '?', charsetEnd + 1);
            int end = encodingEnd < 0 ? -1 : indexOf(value, '?', '=', encodingEnd + 1);
            if (end < 0) {
                break;
            }
            // RFC 2047 section 6.2: white space between encoded words is not text
            if (start > position && (position == 0 || !isWhitespace(value, position, start))) {
                decoded.append(value, position, start);
            }
            decoded.append(DecoderUtil.decodeEncodedWords(value.subSequence(start, end + 2).toString(),
                DecodeMonitor.SILENT));
            position = end + 2;
        }
        return decoded.append(value, position, length).toString();
    }

    private static int indexOf(CharSequence value, char c, int from) {
        for (int at = from; at < value.length(); at++) {
            if (value.charAt(at) == c) {
                return at;
            }
        }
        return -1;
    }

    private static int indexOf(CharSequence value, char first, char second, int from) {
        int at = indexOf(value, first, from);
        while (at >= 0 && at + 1 < value.length() && value.charAt(at + 1) != second) {
            at = indexOf(value, first, at + 1);
        }
        return at >= 0 && at + 1 < value.length() ? at : -1;
    }

    /** mime4j's white space: space, tab, CR and LF. */
    private static boolean isWhitespace(CharSequence value, int from, int to) {
        for (int at = from; at < to; at++) {
            char c = value.charAt(at);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    private EncodedWords() {
    }
}
