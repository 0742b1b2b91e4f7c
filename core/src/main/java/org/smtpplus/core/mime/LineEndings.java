package org.smtpplus.core.mime;

import java.io.ByteArrayOutputStream;

/**
 * RFC 5322 section 2.3: lines end in CRLF, and CR and LF appear only together. Each line break is a CRLF, a CR or an
 * LF, the longest first; a text already in CRLF is read once and returned as it is.
 */
final class LineEndings {
    static final String CRLF = "\r\n";
    /** RFC 5322 section 2.1.1: a line is at most 998 characters, CRLF excluded. */
    static final int MAX_LINE_LENGTH = 998;

    static String toCrlf(String text) {
        return toCrlf(text, firstBareBreak(text));
    }

    /** @param first where the first CR or LF that is not part of a CRLF is, or -1, as {@link TextScan} finds it */
    static String toCrlf(String text, int first) {
        if (first < 0) {
            return text;
        }
        StringBuilder normalized = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                normalized.append(CRLF);
            } else if (c == '\n') {
                normalized.append(CRLF);
            } else {
                normalized.append(c);
            }
        }
        return normalized.toString();
    }

    /** Where the first CR or LF that is not part of a CRLF is, or -1. */
    private static int firstBareBreak(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 == text.length() || text.charAt(i + 1) != '\n') {
                    return i;
                }
                i++;
            } else if (c == '\n') {
                return i;
            }
        }
        return -1;
    }

    static byte[] toCrlf(byte[] bytes) {
        if (isCrlfOnly(bytes)) {
            return bytes;
        }
        ByteArrayOutputStream normalized = new ByteArrayOutputStream(bytes.length + 16);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\r') {
                if (i + 1 < bytes.length && bytes[i + 1] == '\n') {
                    i++;
                }
                normalized.write('\r');
                normalized.write('\n');
            } else if (b == '\n') {
                normalized.write('\r');
                normalized.write('\n');
            } else {
                normalized.write(b);
            }
        }
        return normalized.toByteArray();
    }

    static boolean endsWithLineBreak(String text) {
        return text.endsWith("\n") || text.endsWith("\r");
    }

    private static boolean isCrlfOnly(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n')) {
                return false;
            }
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
                return false;
            }
        }
        return true;
    }

    private LineEndings() {
    }
}
