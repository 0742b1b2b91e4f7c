package org.smtpplus.core.merge;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One merge tag of a template, {@code {{name}}} or {@code {{name|fallback}}}, and the scanner that finds it.
 *
 * <p>Written as a scanner rather than a regular expression: a template is text a sender controls, and the pattern
 * that defined tags before (with a lazy fallback between runs of blanks) took cubic time on "{{a|" followed by a long
 * run of spaces. The scanner finds exactly the tags that pattern found; MergeTagTest keeps it to check so.</p>
 */
final class MergeTag implements Slot {

    /**
     * The first tag that starts at or after {@code from}, reading each character a bounded number of times: an
     * attempt that fails read only characters that cannot start another tag (no '{' follows the two that open it).
     */
    static Optional<MergeTag> find(CharSequence template, int from) {
        int length = template.length();
        for (int start = from; start + 1 < length; start++) {
            if (template.charAt(start) == '{' && template.charAt(start + 1) == '{') {
                Optional<MergeTag> tag = tagAt(template, start);
                if (tag.isPresent()) {
                    return tag;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The tag that opens at {@code start}, if one does: blanks, a name, blanks, then either "}}" or a bar and a
     * fallback that runs to the first brace or line break, which must open "}}". The fallback loses the blanks
     * around it.
     */
    private static Optional<MergeTag> tagAt(CharSequence template, int start) {
        int length = template.length();
        int nameStart = skipBlanks(template, start + 2);
        int nameEnd = nameStart;
        while (nameEnd < length && isNameCharacter(template.charAt(nameEnd))) {
            nameEnd++;
        }
        if (nameEnd == nameStart) {
            return Optional.empty();
        }
        int at = skipBlanks(template, nameEnd);
        int fallbackStart = at;
        int fallbackEnd = at;
        if (at < length && template.charAt(at) == '|') {
            fallbackStart = skipBlanks(template, at + 1);
            at = fallbackStart;
            while (at < length && !endsFallback(template.charAt(at))) {
                at++;
            }
            fallbackEnd = at;
            while (fallbackEnd > fallbackStart && isBlank(template.charAt(fallbackEnd - 1))) {
                fallbackEnd--;
            }
        }
        if (at + 1 < length && template.charAt(at) == '}' && template.charAt(at + 1) == '}') {
            return Optional.of(new MergeTag(start, at + 2, template.subSequence(nameStart, nameEnd).toString(),
                template.subSequence(fallbackStart, fallbackEnd).toString()));
        }
        return Optional.empty();
    }

    private static int skipBlanks(CharSequence template, int from) {
        int at = from;
        while (at < template.length() && isBlank(template.charAt(at))) {
            at++;
        }
        return at;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isNameCharacter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
            || c == '-';
    }

    private static boolean endsFallback(char c) {
        return c == '{' || c == '}' || c == '\r' || c == '\n';
    }

    private final int start;
    private final int end;
    private final String name;
    private final String fallback;
    // as MergeValues#lookup takes it
    private final String lowerCaseName;

    private MergeTag(int start, int end, String name, String fallback) {
        this.start = start;
        this.end = end;
        this.name = name;
        this.fallback = fallback;
        this.lowerCaseName = name.toLowerCase(Locale.ROOT);
    }

    /** Where the tag's "{{" is. */
    @Override
    public int start() {
        return start;
    }

    /** Just after its "}}". */
    @Override
    public int end() {
        return end;
    }

    /** The recipient's value, else the fallback, escaped for the place. */
    @Override
    public void appendValue(StringBuilder out, MergeValues values, Map<String, String> literalValues,
                            Escaping escaping) {
        escaping.appendEscaped(out, valueOf(values));
    }

    @Override
    public int valueLength(MergeValues values, Map<String, String> literalValues) {
        return valueOf(values).length();
    }

    private String valueOf(MergeValues values) {
        return values.lookup(lowerCaseName).orElse(fallback);
    }

    /** As written. */
    String name() {
        return name;
    }

    /** Without the blanks around it; empty when the tag has none. */
    String fallback() {
        return fallback;
    }
}
