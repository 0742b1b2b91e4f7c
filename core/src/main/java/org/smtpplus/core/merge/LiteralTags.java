package org.smtpplus.core.merge;

import java.util.Collection;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.Set;

/**
 * The literal tags a message was sent with: strings of any syntax the sender chose, such as SendGrid's substitution
 * tags ({@code -name-}, {@code %name%}) or Mailgun's {@code %recipient.name%}, each replaced as written, case and all,
 * by the value each copy has for it. Immutable: found in a text in one pass by {@link MergeTemplate#of(String,
 * LiteralTags)}, leftmost first and the longest of those that start at the same place.
 */
public final class LiteralTags {
    /** In characters (UTF-16 code units). */
    public static final int MAX_TAG_LENGTH = 200;
    public static final int MAX_TAGS = 10_000;
    public static final LiteralTags NONE = new LiteralTags(Set.of());

    /**
     * @param tags duplicates count once
     * @throws IllegalArgumentException for an empty tag, one longer than {@value #MAX_TAG_LENGTH} characters, or more
     *     than {@value #MAX_TAGS} tags
     */
    public static LiteralTags of(Collection<String> tags) {
        Set<String> distinct = Set.copyOf(tags);
        if (distinct.size() > MAX_TAGS) {
            throw new IllegalArgumentException(distinct.size() + " literal tags, more than " + MAX_TAGS);
        }
        for (String tag : distinct) {
            if (tag.isEmpty()) {
                throw new IllegalArgumentException("An empty literal tag");
            }
            if (tag.length() > MAX_TAG_LENGTH) {
                throw new IllegalArgumentException("The literal tag \"" + tag.substring(0, MAX_TAG_LENGTH)
                    + "...\" has " + tag.length() + " characters, more than " + MAX_TAG_LENGTH);
            }
        }
        return distinct.isEmpty() ? NONE : new LiteralTags(distinct);
    }

    private final Set<String> tags;
    private final TagAutomaton automaton;

    private LiteralTags(Set<String> tags) {
        this.tags = tags;
        this.automaton = TagAutomaton.of(tags);
    }

    public boolean isEmpty() {
        return tags.isEmpty();
    }

    public Set<String> tags() {
        return tags;
    }

    /**
     * The text with each of these tags that {@code values} gives a value for (null: none) replaced by it, as is, leftmost first and
     * the longest where several start; other tags, and {@code {{...}}} merge tags, stay as written. Linear in the
     * text.
     */
    public String replaceIn(String text, Function<String, String> values) {
        if (tags.isEmpty()) {
            return text;
        }
        short[] longest = longestTagAt(text);
        StringBuilder out = new StringBuilder(text.length());
        int copiedUpTo = 0;
        int i = 0;
        while (i < text.length()) {
            int length = longest[i];
            if (length == 0) {
                i++;
                continue;
            }
            // a tag without a value is taken as written, as a template takes it: no shorter tag inside it matches
            String value = values.apply(text.substring(i, i + length));
            if (value != null) {
                out.append(text, copiedUpTo, i).append(value);
                copiedUpTo = i + length;
            }
            i += length;
        }
        return out.append(text, copiedUpTo, text.length()).toString();
    }

    /**
     * The length {@link #replaceIn} would give the text were each tag's value {@code valueLength} of it long: a bound
     * found without building the text. Linear in the text.
     */
    public long replacedLength(String text, ToLongFunction<String> valueLength) {
        if (tags.isEmpty()) {
            return text.length();
        }
        short[] longest = longestTagAt(text);
        long length = text.length();
        int i = 0;
        while (i < text.length()) {
            if (longest[i] == 0) {
                i++;
                continue;
            }
            length += valueLength.applyAsLong(text.substring(i, i + longest[i])) - longest[i];
            i += longest[i];
        }
        return length;
    }

    /** For each position of the text, the length of the longest tag that starts there; 0 where none does. */
    short[] longestTagAt(CharSequence text) {
        return automaton.longestTagAt(text);
    }
}
