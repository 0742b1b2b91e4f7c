package org.smtpplus.core.mime;

import java.nio.charset.Charset;

import org.smtpplus.core.merge.MergeTemplate;

/**
 * The decoded text of a text part, its merge tags found once for every copy, and the charset it goes back into when
 * left as it is.
 */
final class TextContent {
    private final MergeTemplate template;
    private final Charset charset;

    TextContent(String text, Charset charset) {
        this.template = MergeTemplate.of(text);
        this.charset = charset;
    }

    String text() {
        return template.text();
    }

    MergeTemplate template() {
        return template;
    }

    /** The declared charset, or ISO-8859-1 standing in for one Java does not know. */
    Charset charset() {
        return charset;
    }
}
