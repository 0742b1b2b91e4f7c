package org.smtpplus.core.mime;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What one pass over a copy's text finds: where its first line break that is not a CRLF is, for
 * {@link LineEndings#toCrlf(String, int)}, and which of the charsets of nearly all mail can hold it, for
 * {@link TextBodyEncoder#charsetFor}. Making the line breaks CRLF changes neither: only CR and LF move.
 *
 * <p>Written by hand because the JDK's encoders only tell whether they can encode a text by encoding all of it
 * through a CharBuffer, character by character, which the copy then does once more to write it.</p>
 */
final class TextScan {

    static TextScan of(String text) {
        int length = text.length();
        int firstBareBreak = -1;
        char widest = 0;
        boolean unpairedSurrogate = false;
        boolean afterCr = false;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            widest = c > widest ? c : widest;
            if (firstBareBreak < 0 && afterCr && c != '\n') {
                firstBareBreak = i - 1;
            } else if (firstBareBreak < 0 && !afterCr && c == '\n') {
                firstBareBreak = i;
            }
            afterCr = c == '\r';
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                widest = text.charAt(i) > widest ? text.charAt(i) : widest;
            } else if (Character.isSurrogate(c)) {
                unpairedSurrogate = true;
            }
        }
        if (firstBareBreak < 0 && afterCr) {
            firstBareBreak = length - 1;
        }
        return new TextScan(firstBareBreak, widest, unpairedSurrogate);
    }

    private final int firstBareBreak;
    private final char widest;
    private final boolean unpairedSurrogate;

    private TextScan(int firstBareBreak, char widest, boolean unpairedSurrogate) {
        this.firstBareBreak = firstBareBreak;
        this.widest = widest;
        this.unpairedSurrogate = unpairedSurrogate;
    }

    /** Where the first CR or LF that is not part of a CRLF is, or -1. */
    int firstBareBreak() {
        return firstBareBreak;
    }

    /**
     * Whether the charset can encode every character (as {@code charset.newEncoder().canEncode(text)} says), for
     * US-ASCII, ISO-8859-1 and UTF-8; empty for any other charset.
     */
    Optional<Boolean> fitsIn(Charset charset) {
        if (charset.equals(StandardCharsets.US_ASCII)) {
            return Optional.of(widest < 0x80);
        }
        if (charset.equals(StandardCharsets.ISO_8859_1)) {
            return Optional.of(widest < 0x100);
        }
        if (charset.equals(StandardCharsets.UTF_8)) {
            // RFC 3629 section 3: UTF-8 encodes every character but half of a surrogate pair
            return Optional.of(!unpairedSurrogate);
        }
        return Optional.empty();
    }
}
