package org.smtpplus.core.merge;

/** How a merged value is made safe for the place it lands in. */
public enum Escaping {
    /** Plain text: the value as is. */
    TEXT,
    /** HTML: markup characters become entities, so a value can never inject markup. */
    HTML,
    /** A header field body: control characters become spaces, so a value can never start a new field. */
    HEADER;

    /**
     * How a value given raw, as a literal tag's is, lands in this place: as is, save that a header field still gets
     * no control characters, which would end it.
     */
    Escaping raw() {
        return this == HEADER ? HEADER : TEXT;
    }

    /** @return the value made safe for this place */
    public String escape(String value) {
        switch (this) {
            case HTML:
                return HtmlEscaper.escape(value);
            case HEADER:
                return withoutControlCharacters(value);
            default:
                return value;
        }
    }

    /** Appends what {@link #escape} returns. */
    public void appendEscaped(StringBuilder out, String value) {
        switch (this) {
            case HTML:
                HtmlEscaper.appendEscaped(out, value);
                break;
            case HEADER:
                appendWithoutControlCharacters(out, value);
                break;
            default:
                out.append(value);
        }
    }

    private static String withoutControlCharacters(String value) {
        StringBuilder safe = new StringBuilder(value.length());
        appendWithoutControlCharacters(safe, value);
        return safe.toString();
    }

    private static void appendWithoutControlCharacters(StringBuilder safe, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // RFC 5322 section 2.2: CR and LF end a field; other C0 controls and DEL have no place in one either
            safe.append(c < 0x20 || c == 0x7F ? ' ' : c);
        }
    }
}
