package org.smtpplus.core.mime;

import java.nio.charset.Charset;

/**
 * The charset an HTML document declares in a meta element. Some readers trust it over the MIME charset,
 * so it must follow when the part changes charset.
 *
 * <p>A declaration is {@code <meta}, then within the tag (before its '>') the word {@code charset}, '=' with
 * optional white space around it and an optional quote, then the charset name: the value of {@code charset=} in
 * {@code <meta charset="...">} and in {@code <meta http-equiv="Content-Type" content="text/html; charset=...">}.</p>
 */
final class HtmlCharsetDeclaration {

    /**
     * Replaces the charset name of every declaration, in one pass over the document. Where a declaration can be
     * found does not depend on the {@code <meta} it belongs to, only on the '>' that ends that tag: both are looked
     * for forward from where the previous search stopped, however many {@code <meta} a document holds.
     */
    static String withCharset(CharSequence html, Charset charset) {
        StringBuilder replaced = new StringBuilder(html.length() + 16);
        ForwardSearch tagEnds = new ForwardSearch(html, HtmlCharsetDeclaration::isTagEnd);
        ForwardSearch declarations = new ForwardSearch(html, HtmlCharsetDeclaration::nameEndOfDeclarationAt);
        int copied = 0;
        int at = 0;
        while (at < html.length()) {
            if (!isMetaStart(html, at)) {
                at++;
                continue;
            }
            int attributes = at + "<meta".length();
            int tagEnd = tagEnds.next(attributes);
            int declaration = declarations.next(attributes);
            if (declaration < 0 || (tagEnd >= 0 && declaration >= tagEnd)) {
                at++;
                continue;
            }
            int nameEnd = nameEndOfDeclarationAt(html, declaration);
            int nameStart = nameStart(html, nameEnd);
            replaced.append(html, copied, nameStart).append(charset.name());
            copied = nameEnd;
            at = nameEnd;
        }
        return replaced.append(html, copied, html.length()).toString();
    }

    private static boolean isMetaStart(CharSequence html, int at) {
        return html.charAt(at) == '<'
            && HtmlScanner.startsWithIgnoringAsciiCase(html, at + 1, "meta")
            && HtmlScanner.endsWord(html, at + "<meta".length());
    }

    private static int isTagEnd(CharSequence html, int at) {
        return html.charAt(at) == '>' ? at : -1;
    }

    /**
     * @return the end of the charset name of a declaration {@code charset="name} that starts at {@code at}, or -1
     */
    private static int nameEndOfDeclarationAt(CharSequence html, int at) {
        if (!HtmlScanner.startsWithIgnoringAsciiCase(html, at, "charset") || !HtmlScanner.startsWord(html, at)) {
            return -1;
        }
        int equals = HtmlScanner.skipWhitespace(html, at + "charset".length());
        if (equals >= html.length() || html.charAt(equals) != '=') {
            return -1;
        }
        int name = HtmlScanner.skipWhitespace(html, equals + 1);
        if (name < html.length() && (html.charAt(name) == '"' || html.charAt(name) == '\'')) {
            name++;
        }
        int end = name;
        while (end < html.length() && isNameCharacter(html.charAt(end))) {
            end++;
        }
        return end > name ? end : -1;
    }

    /** Where the run of name characters that ends at {@code nameEnd} starts. */
    private static int nameStart(CharSequence html, int nameEnd) {
        int start = nameEnd;
        while (start > 0 && isNameCharacter(html.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    private static boolean isNameCharacter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
            || c == ':' || c == '-';
    }

    /** The positions where something is found, searched forward only: asked for in increasing order, it reads on. */
    private static final class ForwardSearch {
        private interface Probe {
            /** @return a non-negative result when the thing is at {@code at}, else -1 */
            int at(CharSequence text, int at);
        }

        private final CharSequence text;
        private final Probe probe;
        private int searchedFrom = -1;
        private int found = -1;

        private ForwardSearch(CharSequence text, Probe probe) {
            this.text = text;
            this.probe = probe;
        }

        /** The first position at or after {@code from} where the probe finds something, or -1. */
        private int next(int from) {
            if (searchedFrom >= 0 && from >= searchedFrom && (found < 0 || found >= from)) {
                return found;
            }
            searchedFrom = from;
            found = -1;
            for (int at = from; at < text.length(); at++) {
                if (probe.at(text, at) >= 0) {
                    found = at;
                    break;
                }
            }
            return found;
        }
    }
}
