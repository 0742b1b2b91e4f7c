package org.smtpplus.core.merge;

/** Escapes the characters that carry meaning in HTML text and attribute values. */
public final class HtmlEscaper {

    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        appendEscaped(escaped, text);
        return escaped.toString();
    }

    /** Appends what {@link #escape} returns. */
    public static void appendEscaped(StringBuilder escaped, CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&':
                    escaped.append("&amp;");
                    break;
                case '<':
                    escaped.append("&lt;");
                    break;
                case '>':
                    escaped.append("&gt;");
                    break;
                case '"':
                    escaped.append("&quot;");
                    break;
                case '\'':
                    escaped.append("&#39;");
                    break;
                default:
                    escaped.append(c);
            }
        }
    }

    private HtmlEscaper() {
    }
}
