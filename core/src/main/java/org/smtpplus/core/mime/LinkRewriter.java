package org.smtpplus.core.mime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.smtpplus.core.merge.Escaping;

/**
 * Rewrites the links of a text part for click tracking (docs/tracking.md): the {@code href} of each {@code a} and
 * {@code area} element of an HTML part, and each bare URL of a plain text part, when it is an http or https URL,
 * becomes the URL the {@link Tracker} gives for it. Everything else is copied as it is, character for character.
 *
 * <p>Never rewritten: a link that is not http or https ({@code mailto:}, {@code tel:}, {@code #anchor},
 * {@code javascript:}, a relative link), the unsubscribe URL, and an element that carries the attribute
 * {@value #NO_TRACK} (the attribute is removed, so that the recipient never sees it). What this cannot read for sure
 * is left as it is rather than guessed at: an attribute value with a character reference other than the five XML ones
 * and numeric ones, a tag that never ends, anything inside comments and the elements whose content is text
 * ({@code script}, {@code style}, {@code textarea}, {@code title}, {@code xmp}, {@code iframe}, {@code noembed},
 * {@code noframes}, {@code plaintext}).</p>
 *
 * <p>Written by hand, in one pass that looks at each character a bounded number of times: the body is text a sender
 * controls, so a regular expression over it could take quadratic time (see {@link HtmlScanner}); and an HTML library
 * (jsoup, on James's classpath) writes the whole document out again from its tree, changing what it did not need to
 * touch, where a signed copy should differ from what the sender wrote in its links alone.</p>
 */
public final class LinkRewriter {
    /** The attribute a sender puts on a link to keep it from being tracked. */
    public static final String NO_TRACK = "data-smtpplus-notrack";
    // Elements whose content is text up to their end tag, not markup: a "<a href" inside is no link.
    private static final List<String> RAW_TEXT_ELEMENTS = List.of("script", "style", "textarea", "title", "xmp", "iframe",
        "noembed", "noframes", "plaintext");

    /** What a link becomes. */
    public interface Tracker {
        /**
         * @param url the link as the recipient's client would follow it (character references decoded, surrounding
         *     whitespace, tabs and line breaks taken out)
         * @return the URL to put in its place; empty to leave the link as it is
         */
        Optional<String> track(String url);
    }

    private final String unsubscribeUrl;
    private final Tracker tracker;

    /** @param unsubscribeUrl the copy's own unsubscribe URL, never rewritten */
    public LinkRewriter(String unsubscribeUrl, Tracker tracker) {
        this.unsubscribeUrl = unsubscribeUrl;
        this.tracker = tracker;
    }

    /** An HTML part's text with its links rewritten. */
    public String html(String html) {
        StringBuilder out = new StringBuilder(html.length() + 256);
        int copied = 0;
        int at = 0;
        int length = html.length();
        while (at < length) {
            int open = HtmlScanner.indexOf(html, '<', at);
            if (open < 0 || open + 1 >= length) {
                break;
            }
            char next = html.charAt(open + 1);
            if (HtmlScanner.startsWithIgnoringAsciiCase(html, open, "<!--")) {
                at = endOfComment(html, open + 4);
            } else if (next == '!' || next == '?' || next == '/') {
                // a doctype, a processing instruction or an end tag: no link in it
                int end = HtmlScanner.indexOf(html, '>', open + 1);
                at = end < 0 ? length : end + 1;
            } else if (isAsciiLetter(next)) {
                Tag tag = Tag.read(html, open);
                if (tag == null) {
                    break;
                }
                if (tag.isLink()) {
                    out.append(html, copied, open);
                    writeLink(html, tag, out);
                    copied = tag.end;
                }
                at = tag.isRawText() ? endOfRawText(html, tag) : tag.end;
            } else {
                at = open + 1;
            }
        }
        return copied == 0 ? html : out.append(html, copied, length).toString();
    }

    /** The bare http and https URLs of a plain text, as {@link #text} finds them. */
    public static Set<String> urls(String text) {
        Set<String> urls = new HashSet<>();
        int at = 0;
        while (at < text.length()) {
            char c = text.charAt(at);
            if ((c == 'h' || c == 'H') && startsUrl(text, at)) {
                int end = urlEnd(text, at);
                urls.add(text.substring(at, end));
                at = end;
            } else {
                at++;
            }
        }
        return urls;
    }

    /**
     * A plain text part's text with its bare http and https URLs rewritten, those {@code tracked} accepts.
     *
     * @param tracked which of the URLs found may be tracked
     */
    public String text(String text, Predicate<String> tracked) {
        StringBuilder out = null;
        int copied = 0;
        int at = 0;
        int length = text.length();
        while (at < length) {
            char c = text.charAt(at);
            if ((c != 'h' && c != 'H') || !startsUrl(text, at)) {
                at++;
                continue;
            }
            int end = urlEnd(text, at);
            String url = text.substring(at, end);
            Optional<String> trackingUrl = url.equals(unsubscribeUrl) || !tracked.test(url) ? Optional.empty() : tracker.track(url);
            if (trackingUrl.isPresent()) {
                if (out == null) {
                    out = new StringBuilder(length + 256);
                }
                out.append(text, copied, at).append(trackingUrl.get());
                copied = end;
            }
            at = end;
        }
        return out == null ? text : out.append(text, copied, length).toString();
    }

    private void writeLink(String html, Tag tag, StringBuilder out) {
        Optional<Attribute> href = tag.attribute("href");
        boolean noTrack = tag.attribute(NO_TRACK).isPresent();
        Optional<String> tracked = noTrack || href.isEmpty() || !href.get().hasValue() ? Optional.empty()
            : trackingUrl(href.get().value(html));
        int copied = tag.start;
        for (Attribute attribute : tag.attributes) {
            if (attribute.hasName(html, NO_TRACK)) {
                // the attribute and the whitespace before it, and a space kept when the next attribute touched it
                out.append(html, copied, attribute.spaceStart);
                char next = attribute.end < html.length() ? html.charAt(attribute.end) : '>';
                if (!HtmlScanner.isWhitespace(next) && next != '>' && next != '/') {
                    out.append(' ');
                }
                copied = attribute.end;
            } else if (tracked.isPresent() && attribute == href.get()) {
                out.append(html, copied, attribute.valueStart - (attribute.quoted ? 1 : 0)).append('"')
                    .append(Escaping.HTML.escape(tracked.get())).append('"');
                copied = attribute.valueEnd + (attribute.quoted ? 1 : 0);
            }
        }
        out.append(html, copied, tag.end);
    }

    private Optional<String> trackingUrl(String rawValue) {
        Optional<String> decoded = CharacterReferences.decode(rawValue);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        String url = trimUrlWhitespace(decoded.get());
        if (!isHttp(url, 0) || url.equals(unsubscribeUrl)) {
            return Optional.empty();
        }
        return tracker.track(url);
    }

    /**
     * Where a comment whose text starts at {@code from} ends (WHATWG HTML, section 13.2.5.43 on): after "-->" or "--!>",
     * or at once for the empty "<!-->" and "<!--->"; the end of the text when it never ends.
     */
    private static int endOfComment(String html, int from) {
        if (html.startsWith(">", from)) {
            return from + 1;
        }
        if (html.startsWith("->", from)) {
            return from + 2;
        }
        for (int dashes = html.indexOf("--", from); dashes >= 0; dashes = html.indexOf("--", dashes + 1)) {
            if (html.startsWith(">", dashes + 2)) {
                return dashes + 3;
            }
            if (html.startsWith("!>", dashes + 2)) {
                return dashes + 4;
            }
        }
        return html.length();
    }

    /** The end of the raw text element {@code tag} starts: after its end tag, or the end of the text. */
    private static int endOfRawText(String html, Tag tag) {
        if (tag.hasName("plaintext")) {
            return html.length();
        }
        String endTag = "</" + tag.name();
        for (int at = HtmlScanner.indexOf(html, '<', tag.end); at >= 0; at = HtmlScanner.indexOf(html, '<', at + 1)) {
            char after = at + endTag.length() < html.length() ? html.charAt(at + endTag.length()) : '>';
            if (HtmlScanner.startsWithIgnoringAsciiCase(html, at, endTag)
                && (HtmlScanner.isWhitespace(after) || after == '/' || after == '>')) {
                int end = HtmlScanner.indexOf(html, '>', at + endTag.length());
                return end < 0 ? html.length() : end + 1;
            }
        }
        return html.length();
    }

    /** An http or https URL starts at {@code at}: not inside a word, and with something after its scheme. */
    private static boolean startsUrl(String text, int at) {
        if (at > 0 && Character.isLetterOrDigit(text.charAt(at - 1))) {
            return false;
        }
        int afterScheme = isHttp(text, at) ? (HtmlScanner.startsWithIgnoringAsciiCase(text, at, "https") ? 8 : 7) : -1;
        return afterScheme > 0 && at + afterScheme < text.length() && !endsUrl(text.charAt(at + afterScheme));
    }

    /**
     * Where the URL that starts at {@code at} ends: at whitespace or a character no URL holds, less the punctuation
     * that ends the sentence around it (a final '.', ',' ...), and a final ')' or ']' that closes a bracket opened
     * before the URL rather than in it ({@code [https://shop.example/]}, as HTML-to-text converters write links).
     */
    private static int urlEnd(String text, int at) {
        int end = at;
        int parentheses = 0;
        int brackets = 0;
        while (end < text.length() && !endsUrl(text.charAt(end))) {
            char c = text.charAt(end);
            parentheses += c == '(' ? 1 : c == ')' ? -1 : 0;
            brackets += c == '[' ? 1 : c == ']' ? -1 : 0;
            end++;
        }
        while (end > at) {
            char last = text.charAt(end - 1);
            if (".,;:!?'".indexOf(last) >= 0) {
                end--;
            } else if (last == ')' && parentheses < 0) {
                parentheses++;
                end--;
            } else if (last == ']' && brackets < 0) {
                brackets++;
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private static boolean endsUrl(char c) {
        return c <= ' ' || c == '<' || c == '>' || c == '"' || c == '\u007F';
    }

    private static boolean isHttp(String text, int at) {
        return HtmlScanner.startsWithIgnoringAsciiCase(text, at, "http://")
            || HtmlScanner.startsWithIgnoringAsciiCase(text, at, "https://");
    }

    /**
     * The URL standard (WHATWG URL, section 4.4, basic URL parser) strips leading and trailing C0 controls and spaces
     * from an href, and every tab and line break within it, before it parses it.
     */
    private static String trimUrlWhitespace(String url) {
        int start = 0;
        int end = url.length();
        while (start < end && url.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && url.charAt(end - 1) <= ' ') {
            end--;
        }
        StringBuilder trimmed = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = url.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r') {
                trimmed.append(c);
            }
        }
        return trimmed.toString();
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** One attribute of a start tag, by its offsets in the text. */
    private static final class Attribute {
        // where the whitespace before it starts, where its name starts and ends, where it ends
        private final int spaceStart;
        private final int nameStart;
        private final int nameEnd;
        private final int valueStart;
        private final int valueEnd;
        private final boolean quoted;
        private final int end;

        private Attribute(int spaceStart, int nameStart, int nameEnd, int valueStart, int valueEnd, boolean quoted, int end) {
            this.spaceStart = spaceStart;
            this.nameStart = nameStart;
            this.nameEnd = nameEnd;
            this.valueStart = valueStart;
            this.valueEnd = valueEnd;
            this.quoted = quoted;
            this.end = end;
        }

        boolean hasName(String html, String lowerCaseName) {
            return nameEnd - nameStart == lowerCaseName.length()
                && HtmlScanner.startsWithIgnoringAsciiCase(html, nameStart, lowerCaseName);
        }

        boolean hasValue() {
            return valueStart >= 0;
        }

        String value(String html) {
            return html.substring(valueStart, valueEnd);
        }
    }

    /**
     * A start tag, read as the HTML tokenizer reads one (WHATWG HTML, section 13.2.5: tag name, attribute name, the
     * three kinds of attribute value), by offsets.
     */
    private static final class Tag {
        private final int start;
        private final int nameEnd;
        private final List<Attribute> attributes;
        private final int end;
        private final String html;

        private Tag(String html, int start, int nameEnd, List<Attribute> attributes, int end) {
            this.html = html;
            this.start = start;
            this.nameEnd = nameEnd;
            this.attributes = attributes;
            this.end = end;
        }

        /** The tag that starts at {@code open}, a '<' followed by a letter; null when it never ends. */
        static Tag read(String html, int open) {
            int length = html.length();
            int at = open + 1;
            while (at < length && !HtmlScanner.isWhitespace(html.charAt(at)) && html.charAt(at) != '/' && html.charAt(at) != '>') {
                at++;
            }
            int nameEnd = at;
            List<Attribute> attributes = new ArrayList<>();
            while (true) {
                int spaceStart = at;
                at = HtmlScanner.skipWhitespace(html, at);
                if (at >= length) {
                    return null;
                }
                char c = html.charAt(at);
                if (c == '>') {
                    return new Tag(html, open, nameEnd, attributes, at + 1);
                }
                if (c == '/') {
                    at++;
                    continue;
                }
                int nameStart = at;
                // the first character is the name's whatever it is, '=' included (a parse error the tokenizer forgives)
                at++;
                while (at < length && !HtmlScanner.isWhitespace(html.charAt(at)) && "/>=".indexOf(html.charAt(at)) < 0) {
                    at++;
                }
                int attributeNameEnd = at;
                int equals = HtmlScanner.skipWhitespace(html, at);
                if (equals >= length || html.charAt(equals) != '=') {
                    attributes.add(new Attribute(spaceStart, nameStart, attributeNameEnd, -1, -1, false, attributeNameEnd));
                    continue;
                }
                int valueStart = HtmlScanner.skipWhitespace(html, equals + 1);
                if (valueStart >= length) {
                    return null;
                }
                char quote = html.charAt(valueStart);
                if (quote == '"' || quote == '\'') {
                    int close = HtmlScanner.indexOf(html, quote, valueStart + 1);
                    if (close < 0) {
                        return null;
                    }
                    attributes.add(new Attribute(spaceStart, nameStart, attributeNameEnd, valueStart + 1, close, true, close + 1));
                    at = close + 1;
                } else {
                    int valueEnd = valueStart;
                    while (valueEnd < length && !HtmlScanner.isWhitespace(html.charAt(valueEnd)) && html.charAt(valueEnd) != '>') {
                        valueEnd++;
                    }
                    attributes.add(new Attribute(spaceStart, nameStart, attributeNameEnd, valueStart, valueEnd, false, valueEnd));
                    at = valueEnd;
                }
            }
        }

        String name() {
            return html.substring(start + 1, nameEnd);
        }

        boolean isLink() {
            return hasName("a") || hasName("area");
        }

        boolean isRawText() {
            return RAW_TEXT_ELEMENTS.stream().anyMatch(this::hasName);
        }

        boolean hasName(String lowerCaseName) {
            return nameEnd - start - 1 == lowerCaseName.length()
                && HtmlScanner.startsWithIgnoringAsciiCase(html, start + 1, lowerCaseName);
        }

        /** The first attribute of that name: the tokenizer drops the later ones (WHATWG HTML, section 13.2.5.33). */
        Optional<Attribute> attribute(String lowerCaseName) {
            return attributes.stream().filter(attribute -> attribute.hasName(html, lowerCaseName)).findFirst();
        }
    }
}
