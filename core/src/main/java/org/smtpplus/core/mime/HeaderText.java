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

    /** RFC 5322 section 2.2.3: unfolding removes every CRLF that is followed by whitespace. */
    static String unfold(String folded) {
        return folded.replaceAll("\r?\n(?=[ \t])", "").replaceAll("[\r\n]", "");
    }

    private HeaderText() {
    }
}
