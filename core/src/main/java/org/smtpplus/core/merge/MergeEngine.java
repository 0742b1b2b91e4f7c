package org.smtpplus.core.merge;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the merge tags {@code {{name}}} and {@code {{name|fallback}}} of a template.
 *
 * <p>A name is {@code [A-Za-z0-9_.-]+}, matched case-insensitively; spaces may surround it and the
 * fallback. A tag takes the recipient's value, else its fallback, else the empty string. Text that is
 * not a well-formed tag is left as it is.</p>
 */
public final class MergeEngine {
    private static final Pattern TAG = Pattern.compile(
        "\\{\\{[ \\t]*([A-Za-z0-9_.\\-]+)[ \\t]*(?:\\|[ \\t]*([^{}\\r\\n]*?)[ \\t]*)?}}");

    public static String render(String template, MergeValues values, Escaping escaping) {
        Matcher tag = TAG.matcher(template);
        if (!tag.find()) {
            return template;
        }
        StringBuilder rendered = new StringBuilder(template.length() + 64);
        int copiedUpTo = 0;
        do {
            rendered.append(template, copiedUpTo, tag.start());
            rendered.append(escaping.escape(valueOf(tag, values)));
            copiedUpTo = tag.end();
        } while (tag.find());
        rendered.append(template, copiedUpTo, template.length());
        return rendered.toString();
    }

    private static String valueOf(Matcher tag, MergeValues values) {
        String fallback = tag.group(2) == null ? "" : tag.group(2);
        return values.lookup(tag.group(1).toLowerCase(Locale.ROOT)).orElse(fallback);
    }

    private MergeEngine() {
    }
}
