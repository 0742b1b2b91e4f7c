package org.smtpplus.core.merge;

/**
 * Replaces the merge tags {@code {{name}}} and {@code {{name|fallback}}} of a template.
 *
 * <p>A name is {@code [A-Za-z0-9_.-]+}, matched case-insensitively; spaces may surround it and the
 * fallback. A tag takes the recipient's value, else its fallback, else the empty string. Text that is
 * not a well-formed tag is left as it is. A template rendered for many recipients is read once as a
 * {@link MergeTemplate}.</p>
 */
public final class MergeEngine {

    public static String render(String template, MergeValues values, Escaping escaping) {
        return MergeTemplate.of(template).render(values, escaping);
    }

    private MergeEngine() {
    }
}
