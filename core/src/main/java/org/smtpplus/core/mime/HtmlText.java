package org.smtpplus.core.mime;

import java.util.regex.Pattern;

import org.smtpplus.core.merge.HtmlEscaper;

/** Turns a plain text template into HTML and back, for an account that gave only one of them. */
final class HtmlText {
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final Pattern BR = Pattern.compile("(?i)<br\\s*/?>(\r\n|\r|\n)?");

    static String fromPlainText(String text) {
        return LINE_BREAK.matcher(HtmlEscaper.escape(text)).replaceAll("<br>" + LineEndings.CRLF);
    }

    static String toPlainText(String html) {
        String withoutTags = withoutTags(BR.matcher(html).replaceAll(LineEndings.CRLF));
        return withoutTags
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
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
