package org.smtpplus.core.mime;

import java.util.Optional;

import org.smtpplus.core.merge.MergeValues;

/**
 * Puts the account's header at the top and its footer at the bottom of a body text, both rendered for one
 * recipient.
 */
final class BodyDecorator {
    static BodyDecorator forCopy(CopySpec spec) {
        MergeValues values = spec.values();
        return new BodyDecorator(
            spec.header().map(template -> RenderedTemplate.render(template, values)),
            spec.footer().map(template -> RenderedTemplate.render(template, values)));
    }

    private final Optional<RenderedTemplate> header;
    private final Optional<RenderedTemplate> footer;

    private BodyDecorator(Optional<RenderedTemplate> header, Optional<RenderedTemplate> footer) {
        this.header = header;
        this.footer = footer;
    }

    String decorate(String body, boolean html) {
        return html ? decorateHtml(body) : decoratePlainText(body);
    }

    private String decoratePlainText(String body) {
        StringBuilder decorated = new StringBuilder();
        header.map(RenderedTemplate::text).ifPresent(text -> appendLines(decorated, text));
        decorated.append(body);
        footer.map(RenderedTemplate::text).ifPresent(text -> {
            if (!body.isEmpty() && !LineEndings.endsWithLineBreak(body)) {
                decorated.append(LineEndings.CRLF);
            }
            appendLines(decorated, text);
        });
        return decorated.toString();
    }

    private static void appendLines(StringBuilder decorated, String text) {
        decorated.append(text);
        if (!LineEndings.endsWithLineBreak(text)) {
            decorated.append(LineEndings.CRLF);
        }
    }

    private String decorateHtml(String body) {
        String withHeader = header.map(RenderedTemplate::html)
            .map(html -> insertAfterBodyStart(body, html))
            .orElse(body);
        return footer.map(RenderedTemplate::html)
            .map(html -> insertBeforeBodyEnd(withHeader, html))
            .orElse(withHeader);
    }

    private static String insertAfterBodyStart(String document, String html) {
        int at = afterBodyStartTag(document);
        return document.substring(0, at) + html + document.substring(at);
    }

    private static String insertBeforeBodyEnd(String document, String html) {
        int at = lastBodyEndTag(document);
        return document.substring(0, at) + html + document.substring(at);
    }

    /**
     * Just after the first {@code <body ...>} start tag (the first {@code <body} that ends a word and is followed by a
     * '>'), or 0 without one. Read in one pass: when the first such {@code <body} has no '>' after it, no later one
     * has either.
     */
    static int afterBodyStartTag(CharSequence document) {
        for (int at = nextTag(document, 0); at >= 0; at = nextTag(document, at + 1)) {
            int nameEnd = at + "<body".length();
            if (HtmlScanner.startsWithIgnoringAsciiCase(document, at + 1, "body")
                && HtmlScanner.endsWord(document, nameEnd)) {
                int close = HtmlScanner.indexOf(document, '>', nameEnd);
                return close < 0 ? 0 : close + 1;
            }
        }
        return 0;
    }

    /** Where the last {@code </body>} end tag starts (white space may precede its '>'), or the length without one. */
    static int lastBodyEndTag(CharSequence document) {
        int last = document.length();
        for (int at = nextTag(document, 0); at >= 0; at = nextTag(document, at + 1)) {
            if (HtmlScanner.startsWithIgnoringAsciiCase(document, at + 1, "/body")) {
                int close = HtmlScanner.skipWhitespace(document, at + "</body".length());
                if (close < document.length() && document.charAt(close) == '>') {
                    last = at;
                }
            }
        }
        return last;
    }

    private static int nextTag(CharSequence document, int from) {
        return HtmlScanner.indexOf(document, '<', from);
    }
}
