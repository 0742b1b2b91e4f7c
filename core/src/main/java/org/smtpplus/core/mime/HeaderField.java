package org.smtpplus.core.mime;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** One header field, kept as its raw bytes (folding included, final CRLF excluded). */
final class HeaderField {

    /** @param raw the field as read; bare CR or LF in its folds become CRLF */
    static HeaderField fromRaw(byte[] raw) {
        byte[] normalized = LineEndings.toCrlf(raw);
        int colon = indexOfColon(normalized);
        String name = new String(normalized, 0, colon, StandardCharsets.ISO_8859_1).trim();
        return new HeaderField(name, normalized, colon);
    }

    /** @param body a field body, already folded and free of bare CR or LF */
    static HeaderField of(String name, String body) {
        byte[] raw = (name + ": " + body).getBytes(StandardCharsets.UTF_8);
        return new HeaderField(name, raw, name.length());
    }

    private static int indexOfColon(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == ':') {
                return i;
            }
        }
        throw new IllegalArgumentException("A header field needs a colon");
    }

    private final String name;
    private final byte[] raw;
    private final int colon;

    private HeaderField(String name, byte[] raw, int colon) {
        this.name = name;
        this.raw = raw;
        this.colon = colon;
    }

    String name() {
        return name;
    }

    boolean hasName(String otherName) {
        return name.equalsIgnoreCase(otherName);
    }

    String lowerCaseName() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The body unfolded, without the whitespace that follows the colon. */
    String unfoldedBody() {
        String body = HeaderText.decode(raw, colon + 1, raw.length - colon - 1);
        return HeaderText.withoutLeadingBlanks(HeaderText.unfold(body));
    }

    byte[] raw() {
        return raw;
    }
}
