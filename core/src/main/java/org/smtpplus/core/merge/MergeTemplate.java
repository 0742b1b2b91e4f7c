package org.smtpplus.core.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A template whose merge tags were found once, to be rendered for many recipients: a message's text is scanned when
 * the message is parsed, and each copy only looks its values up and writes them between the unchanged runs of text.
 * Immutable, so one instance serves concurrent copies.
 */
public final class MergeTemplate {

    public static MergeTemplate of(String text) {
        List<MergeTag> tags = new ArrayList<>();
        for (Optional<MergeTag> tag = MergeTag.find(text, 0); tag.isPresent(); tag = MergeTag.find(text, tag.get().end())) {
            tags.add(tag.get());
        }
        return new MergeTemplate(text, tags.toArray(new MergeTag[0]));
    }

    private final String text;
    private final MergeTag[] tags;

    private MergeTemplate(String text, MergeTag[] tags) {
        this.text = text;
        this.tags = tags;
    }

    public String text() {
        return text;
    }

    public boolean hasTags() {
        return tags.length > 0;
    }

    /** The text with every tag replaced by its value made safe by {@code escaping}; the text itself without tags. */
    public String render(MergeValues values, Escaping escaping) {
        if (tags.length == 0) {
            return text;
        }
        StringBuilder rendered = new StringBuilder(renderedLength(values));
        renderTo(rendered, values, escaping);
        return rendered.toString();
    }

    /** Appends what {@link #render} returns. */
    public void renderTo(StringBuilder out, MergeValues values, Escaping escaping) {
        int copiedUpTo = 0;
        for (MergeTag tag : tags) {
            out.append(text, copiedUpTo, tag.start());
            escaping.appendEscaped(out, valueOf(tag, values));
            copiedUpTo = tag.end();
        }
        out.append(text, copiedUpTo, text.length());
    }

    /**
     * The length of the rendered text before escaping, which adds to it only where a value holds characters to
     * escape: a buffer of this size seldom grows.
     */
    public int renderedLength(MergeValues values) {
        int length = text.length();
        for (MergeTag tag : tags) {
            length += valueOf(tag, values).length() - (tag.end() - tag.start());
        }
        return length;
    }

    private static String valueOf(MergeTag tag, MergeValues values) {
        return values.lookup(tag.lowerCaseName()).orElse(tag.fallback());
    }
}
