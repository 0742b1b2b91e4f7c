package org.smtpplus.core.directive;

/**
 * Makes text safe for an SMTP reply: RFC 5321 section 4.2 allows only printable US-ASCII in a reply text, and
 * section 4.5.3.1.5 limits a reply line to 512 octets, so anything else is escaped and long text is cut.
 */
final class ReplyText {
    static final int MAX_QUOTED_CHARS = 60;
    private static final String ELLIPSIS = "...";

    /**
     * A user value in double quotes, escaped like a JSON string and cut to about {@link #MAX_QUOTED_CHARS}.
     */
    static String quote(String value) {
        return '"' + printable(value, MAX_QUOTED_CHARS, true) + '"';
    }

    /**
     * Escapes what is not printable US-ASCII as {@code \}{@code uXXXX} and cuts the result to {@code maxChars}.
     */
    static String printable(String text, int maxChars) {
        return printable(text, maxChars, false);
    }

    private static String printable(String text, int maxChars, boolean escapeQuotes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            String escaped = escape(text.charAt(i), escapeQuotes);
            if (out.length() + escaped.length() > maxChars) {
                return out.append(ELLIPSIS).toString();
            }
            out.append(escaped);
        }
        return out.toString();
    }

    private static String escape(char c, boolean escapeQuotes) {
        if (escapeQuotes && (c == '"' || c == '\\')) {
            return "\\" + c;
        }
        if (c >= 0x20 && c <= 0x7E) {
            return String.valueOf(c);
        }
        return String.format("\\u%04x", (int) c);
    }

    private ReplyText() {
    }
}
