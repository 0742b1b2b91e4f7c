package org.smtpplus.core.mime;

import java.util.Map;
import java.util.Optional;

import org.smtpplus.core.merge.Escaping;
import org.smtpplus.core.merge.MergeTemplate;
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

    /** Whether the copy has a header or a footer to put around its body. */
    boolean decorates() {
        return header.isPresent() || footer.isPresent();
    }

    /**
     * The body's text with its merge tags and literal tags replaced, and the header and footer around it, written into
     * one buffer sized for the whole. The header and footer are the account's templates: literal tags are the
     * message's, and are not looked for in them.
     */
    String decorated(MergeTemplate body, MergeValues values, Map<String, String> literalValues, Escaping escaping,
                     boolean html) {
        StringBuilder document = new StringBuilder(
            body.renderedLength(values, literalValues) + length(header) + length(footer) + 64);
        if (html) {
            body.renderTo(document, values, literalValues, escaping);
            header.map(RenderedTemplate::html).ifPresent(markup -> document.insert(afterBodyStartTag(document), markup));
            footer.map(RenderedTemplate::html).ifPresent(markup -> document.insert(lastBodyEndTag(document), markup));
        } else {
            header.map(RenderedTemplate::text).ifPresent(text -> appendLines(document, text));
            int bodyStart = document.length();
            body.renderTo(document, values, literalValues, escaping);
            footer.map(RenderedTemplate::text).ifPresent(text -> {
                if (document.length() > bodyStart && !endsWithLineBreak(document)) {
                    document.append(LineEndings.CRLF);
                }
                appendLines(document, text);
            });
        }
        return document.toString();
    }

    private static int length(Optional<RenderedTemplate> template) {
        return template.map(rendered -> Math.max(rendered.text().length(), rendered.html().length()) + 2).orElse(0);
    }

    private static boolean endsWithLineBreak(CharSequence text) {
        char last = text.charAt(text.length() - 1);
        return last == '\n' || last == '\r';
    }

    private static void appendLines(StringBuilder decorated, String text) {
        decorated.append(text);
        if (!LineEndings.endsWithLineBreak(text)) {
            decorated.append(LineEndings.CRLF);
        }
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
