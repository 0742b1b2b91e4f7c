package org.smtpplus.core.merge;

import java.util.Objects;
import java.util.Optional;

/**
 * An account header or footer template, in a plain text and/or an HTML version; both may contain merge
 * tags. An empty string counts as absent.
 */
public final class TextAndHtml {

    public static TextAndHtml of(String textOrNull, String htmlOrNull) {
        return new TextAndHtml(presentOrEmpty(textOrNull), presentOrEmpty(htmlOrNull));
    }

    private static Optional<String> presentOrEmpty(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isEmpty());
    }

    private final Optional<String> text;
    private final Optional<String> html;

    private TextAndHtml(Optional<String> text, Optional<String> html) {
        this.text = text;
        this.html = html;
    }

    public Optional<String> text() {
        return text;
    }

    public Optional<String> html() {
        return html;
    }

    public boolean isEmpty() {
        return text.isEmpty() && html.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof TextAndHtml) {
            TextAndHtml other = (TextAndHtml) o;
            return text.equals(other.text) && html.equals(other.html);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, html);
    }

    @Override
    public String toString() {
        return "TextAndHtml{text=" + text + ", html=" + html + "}";
    }
}
