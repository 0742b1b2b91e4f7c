package org.smtpplus.core.merge;

import java.util.Locale;
import java.util.Optional;

/**
 * Replaces the merge tags {@code {{name}}} and {@code {{name|fallback}}} of a template.
 *
 * <p>A name is {@code [A-Za-z0-9_.-]+}, matched case-insensitively; spaces may surround it and the
 * fallback. A tag takes the recipient's value, else its fallback, else the empty string. Text that is
 * not a well-formed tag is left as it is.</p>
 */
public final class MergeEngine {

    public static String render(String template, MergeValues values, Escaping escaping) {
        Optional<MergeTag> tag = MergeTag.find(template, 0);
        if (tag.isEmpty()) {
            return template;
        }
        StringBuilder rendered = new StringBuilder(template.length() + 64);
        int copiedUpTo = 0;
        do {
            MergeTag found = tag.get();
            rendered.append(template, copiedUpTo, found.start());
            rendered.append(escaping.escape(valueOf(found, values)));
            copiedUpTo = found.end();
            tag = MergeTag.find(template, copiedUpTo);
        } while (tag.isPresent());
        rendered.append(template, copiedUpTo, template.length());
        return rendered.toString();
    }

    private static String valueOf(MergeTag tag, MergeValues values) {
        return values.lookup(tag.name().toLowerCase(Locale.ROOT)).orElse(tag.fallback());
    }

    private MergeEngine() {
    }
}
