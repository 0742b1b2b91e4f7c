package org.smtpplus.core.account;

import java.util.Objects;
import java.util.Optional;

/**
 * An account's header or footer template, for the text/plain and the text/html alternatives of a message.
 */
public final class Decoration {
    private final Optional<String> text;
    private final Optional<String> html;

    public Decoration(Optional<String> text, Optional<String> html) {
        this.text = Objects.requireNonNull(text, "text");
        this.html = Objects.requireNonNull(html, "html");
    }

    public Optional<String> text() {
        return text;
    }

    public Optional<String> html() {
        return html;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Decoration) {
            Decoration that = (Decoration) o;
            return text.equals(that.text) && html.equals(that.html);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, html);
    }

    @Override
    public String toString() {
        return "Decoration{text=" + text + ", html=" + html + "}";
    }
}
