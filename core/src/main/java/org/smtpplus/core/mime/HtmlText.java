package org.smtpplus.core.mime;

import org.smtpplus.core.merge.HtmlEscaper;

/** Turns a plain text template into HTML and back, for an account that gave only one of them. */
final class HtmlText {
    private static final String BR = "<br>" + LineEndings.CRLF;

    /** Escaped, each line break (CRLF, CR or LF) a {@code <br>} and a CRLF. */
    static String fromPlainText(String text) {
        String escaped = HtmlEscaper.escape(text);
        StringBuilder html = new StringBuilder(escaped.length() + 16);
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < escaped.length() && escaped.charAt(i + 1) == '\n') {
                    i++;
                }
                html.append(BR);
            } else {
                html.append(c);
            }
        }
        return html.toString();
    }

    static String toPlainText(String html) {
        String withoutTags = withoutTags(withBrAsCrlf(html));
        return withoutTags
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
    }

    /**
     * Each {@code <br>} element a CRLF, together with one line break that follows it: what the pattern it replaces
     * matched ("&lt;br" in any case, white space, an optional '/', '&gt;', then an optional CRLF, CR or LF), read in
     * one pass: after the white space and the '/', only a '&gt;' can end the element, so no start is read twice.
     */
    static String withBrAsCrlf(String html) {
        StringBuilder text = new StringBuilder(html.length());
        int copied = 0;
        for (int open = HtmlScanner.indexOf(html, '<', 0); open >= 0; open = HtmlScanner.indexOf(html, '<', open + 1)) {
            int end = brEnd(html, open);
            if (end >= 0) {
                text.append(html, copied, open).append(LineEndings.CRLF);
                copied = end;
                open = end - 1;
            }
        }
        return text.append(html, copied, html.length()).toString();
    }

    /** Just after the {@code <br>} that starts at {@code open} and the line break that follows it, or -1. */
    private static int brEnd(String html, int open) {
        if (!HtmlScanner.startsWithIgnoringAsciiCase(html, open + 1, "br")) {
            return -1;
        }
        int at = HtmlScanner.skipWhitespace(html, open + 3);
        if (at < html.length() && html.charAt(at) == '/') {
            at++;
        }
        if (at >= html.length() || html.charAt(at) != '>') {
            return -1;
        }
        at++;
        if (html.startsWith(LineEndings.CRLF, at)) {
            return at + 2;
        }
        return at < html.length() && (html.charAt(at) == '\r' || html.charAt(at) == '\n') ? at + 1 : at;
    }

    /**
     * Without its tags, each a '<' and the first '>' after it. Scanned rather than matched with {@code <[^>]*>}, which
     * took quadratic time on a run of '<' without a '>': once a '<' has no '>' after it, no later one has.
     */
    static String withoutTags(CharSequence html) {
        StringBuilder text = new StringBuilder(html.length());
        int copied = 0;
        for (int open = HtmlScanner.indexOf(html, '<', 0); open >= 0; open = HtmlScanner.indexOf(html, '<', copied)) {
            int close = HtmlScanner.indexOf(html, '>', open + 1);
            if (close < 0) {
                break;
            }
            text.append(html, copied, open);
            copied = close + 1;
        }
        return text.append(html, copied, html.length()).toString();
    }

    private HtmlText() {
    }
}
