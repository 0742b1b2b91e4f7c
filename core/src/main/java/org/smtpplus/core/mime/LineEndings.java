package org.smtpplus.core.mime;

import java.io.ByteArrayOutputStream;
import java.util.regex.Pattern;

/** RFC 5322 section 2.3: lines end in CRLF, and CR and LF appear only together. */
final class LineEndings {
    static final String CRLF = "\r\n";
    private static final Pattern ANY_LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    static String toCrlf(String text) {
        return ANY_LINE_BREAK.matcher(text).replaceAll(CRLF);
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
