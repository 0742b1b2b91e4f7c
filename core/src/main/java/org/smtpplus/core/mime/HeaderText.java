package org.smtpplus.core.mime;

import java.nio.charset.StandardCharsets;

/** Turns raw header bytes into text. */
final class HeaderText {

    /**
     * RFC 6532 allows UTF-8 in header fields; anything else that is 8-bit is legacy mail, read as
     * ISO-8859-1 so that no byte is lost.
     */
    static String decode(byte[] bytes, int offset, int length) {
        if (ByteText.isUtf8(bytes, offset, length)) {
            return new String(bytes, offset, length, StandardCharsets.UTF_8);
        }
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    /**
     * RFC 5322 section 2.2.3: unfolding removes every CRLF that is followed by whitespace. A CR or LF anywhere else
     * has no place in a field body either: every one goes.
     */
    static String unfold(String folded) {
        int first = indexOfLineBreak(folded, 0);
        if (first < 0) {
            return folded;
        }
        StringBuilder unfolded = new StringBuilder(folded.length()).append(folded, 0, first);
        for (int i = first; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c != '\r' && c != '\n') {
                unfolded.append(c);
            }
        }
        return unfolded.toString();
    }

    /** Without the blanks (space and tab) that start it. */
    static String withoutLeadingBlanks(String text) {
        int start = 0;
        while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        return text.substring(start);
    }

    private static int indexOfLineBreak(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '\r' || text.charAt(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private HeaderText() {
    }
}
