package org.smtpplus.core.merge;

import java.util.Map;

/**
 * One of the {@link LiteralTags} where a template has it. Its value is written raw: as is in plain text and in HTML
 * too, where SendGrid inserts a substitution as given (the sender escapes it, and it often carries markup), and only
 * kept from breaking a header field. A copy without a value for the tag keeps the tag as written, as SendGrid does.
 */
final class LiteralTag implements Slot {
    private final int start;
    private final String tag;

    LiteralTag(int start, String tag) {
        this.start = start;
        this.tag = tag;
    }

    String tag() {
        return tag;
    }

    @Override
    public int start() {
        return start;
    }

    @Override
    public int end() {
        return start + tag.length();
    }

    @Override
    public void appendValue(StringBuilder out, MergeValues values, Map<String, String> literalValues,
                            Escaping escaping) {
        String value = literalValues.get(tag);
        if (value == null) {
            out.append(tag);
        } else {
            escaping.raw().appendEscaped(out, value);
        }
    }

    @Override
    public int valueLength(MergeValues values, Map<String, String> literalValues) {
        return literalValues.getOrDefault(tag, tag).length();
    }
}
