package org.smtpplus.core.mime;

import org.smtpplus.core.merge.Escaping;
import org.smtpplus.core.merge.MergeEngine;
import org.smtpplus.core.merge.MergeValues;
import org.smtpplus.core.merge.TextAndHtml;

/** A header or footer template rendered for one recipient, in both a plain text and an HTML version. */
final class RenderedTemplate {

    /** A version the account did not give is derived from the other one. */
    static RenderedTemplate render(TextAndHtml template, MergeValues values) {
        String text = template.text()
            .map(plain -> MergeEngine.render(plain, values, Escaping.TEXT))
            .orElseGet(() -> HtmlText.toPlainText(
                MergeEngine.render(template.html().orElseThrow(), values, Escaping.HTML)));
        String html = template.html()
            .map(markup -> MergeEngine.render(markup, values, Escaping.HTML))
            .orElseGet(() -> HtmlText.fromPlainText(text));
        return new RenderedTemplate(LineEndings.toCrlf(text), LineEndings.toCrlf(html));
    }

    private final String text;
    private final String html;

    private RenderedTemplate(String text, String html) {
        this.text = text;
        this.html = html;
    }

    String text() {
        return text;
    }

    String html() {
        return html;
    }
}
