package org.smtpplus.core.mime;

import java.util.regex.Pattern;

import org.smtpplus.core.merge.HtmlEscaper;

/** Turns a plain text template into HTML and back, for an account that gave only one of them. */
final class HtmlText {
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final Pattern BR = Pattern.compile("(?i)<br\\s*/?>(\r\n|\r|\n)?");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    static String fromPlainText(String text) {
        return LINE_BREAK.matcher(HtmlEscaper.escape(text)).replaceAll("<br>" + LineEndings.CRLF);
    }

    static String toPlainText(String html) {
        String withoutTags = TAG.matcher(BR.matcher(html).replaceAll(LineEndings.CRLF)).replaceAll("");
        return withoutTags
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
    }

    private HtmlText() {
    }
}
