package org.smtpplus.core.mime;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smtpplus.core.merge.MergeValues;

/**
 * Puts the account's header at the top and its footer at the bottom of a body text, both rendered for one
 * recipient.
 */
final class BodyDecorator {
    private static final Pattern BODY_START = Pattern.compile("(?i)<body\\b[^>]*>");
    private static final Pattern BODY_END = Pattern.compile("(?i)</body\\s*>");

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
        Matcher start = BODY_START.matcher(document);
        int at = start.find() ? start.end() : 0;
        return document.substring(0, at) + html + document.substring(at);
    }

    private static String insertBeforeBodyEnd(String document, String html) {
        Matcher end = BODY_END.matcher(document);
        int at = document.length();
        while (end.find()) {
            at = end.start();
        }
        return document.substring(0, at) + html + document.substring(at);
    }
}
