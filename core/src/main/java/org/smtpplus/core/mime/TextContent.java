package org.smtpplus.core.mime;

import java.nio.charset.Charset;
import java.util.Set;

import org.smtpplus.core.merge.LiteralTags;
import org.smtpplus.core.merge.MergeTemplate;

/**
 * The decoded text of a text part, its merge tags and literal tags found once for every copy, the URLs written in it
 * found once for the copies whose clicks are tracked, and the charset it goes back into when left as it is.
 */
final class TextContent {
    private final MergeTemplate template;
    private final Charset charset;
    // found at the first tracked copy; two copies finding them at once find the same
    private volatile Set<String> writtenUrls;

    TextContent(String text, Charset charset, LiteralTags literalTags) {
        this.template = MergeTemplate.of(text, literalTags);
        this.charset = charset;
    }

    String text() {
        return template.text();
    }

    MergeTemplate template() {
        return template;
    }

    /** The bare URLs written in the text, merge and literal tags left as they are ({@link LinkRewriter#urls}). */
    Set<String> writtenUrls() {
        Set<String> urls = writtenUrls;
        if (urls == null) {
            urls = Set.copyOf(LinkRewriter.urls(text()));
            writtenUrls = urls;
        }
        return urls;
    }

    /** The declared charset, or ISO-8859-1 standing in for one Java does not know. */
    Charset charset() {
        return charset;
    }
}
