package org.smtpplus.core.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A template whose merge tags, and literal tags if it has any, were found once, to be rendered for many recipients: a
 * message's text is scanned when the message is parsed, and each copy only looks its values up and writes them between
 * the unchanged runs of text. Immutable, so one instance serves concurrent copies.
 */
public final class MergeTemplate {

    public static MergeTemplate of(String text) {
        return of(text, LiteralTags.NONE);
    }

    /**
     * Finds the merge tags and the literal tags in one pass from left to right: the tag that starts first wins, the
     * longer of two that start at the same place (a literal tag over a merge tag as long), and tags never overlap, so
     * that a tag inside one already taken is text. Linear in the text whatever the tags.
     */
    public static MergeTemplate of(String text, LiteralTags literalTags) {
        short[] literalAt = literalTags.isEmpty() ? null : literalTags.longestTagAt(text);
        List<Slot> slots = new ArrayList<>();
        Optional<MergeTag> tag = MergeTag.find(text, 0);
        int literal = nextLiteral(literalAt, 0);
        while (tag.isPresent() || literal >= 0) {
            Slot slot = literal >= 0 && (tag.isEmpty() || literalWins(literal, literalAt[literal], tag.get()))
                ? new LiteralTag(literal, text.substring(literal, literal + literalAt[literal]))
                : tag.get();
            slots.add(slot);
            int end = slot.end();
            // a search starts anew only once what it found is passed: the text is read a bounded number of times
            if (tag.isPresent() && tag.get().start() < end) {
                tag = MergeTag.find(text, end);
            }
            if (literal >= 0 && literal < end) {
                literal = nextLiteral(literalAt, end);
            }
        }
        return new MergeTemplate(text, slots.toArray(new Slot[0]));
    }

    private static boolean literalWins(int literalStart, int literalLength, MergeTag tag) {
        return literalStart < tag.start() || literalStart == tag.start() && literalLength >= tag.end() - tag.start();
    }

    /** Where the first literal tag at or after {@code from} starts; -1 without one. */
    private static int nextLiteral(short[] literalAt, int from) {
        if (literalAt != null) {
            for (int at = from; at < literalAt.length; at++) {
                if (literalAt[at] > 0) {
                    return at;
                }
            }
        }
        return -1;
    }

    private final String text;
    private final Slot[] slots;

    private MergeTemplate(String text, Slot[] slots) {
        this.text = text;
        this.slots = slots;
    }

    public String text() {
        return text;
    }

    /** Adds to {@code counts} how many times each literal tag stands in the template. */
    public void countLiteralTags(Map<String, Long> counts) {
        for (Slot slot : slots) {
            if (slot instanceof LiteralTag) {
                counts.merge(((LiteralTag) slot).tag(), 1L, Long::sum);
            }
        }
    }

    /** Whether the text has a merge tag or a literal tag. */
    public boolean hasTags() {
        return slots.length > 0;
    }

    /**
     * The text with every merge tag replaced by its value made safe by {@code escaping}, literal tags as written; the
     * text itself without tags.
     */
    public String render(MergeValues values, Escaping escaping) {
        return render(values, Map.of(), escaping);
    }

    /**
     * The text with every merge tag replaced by its value made safe by {@code escaping}, and every literal tag with a
     * value by that value raw (a header only kept from being broken, {@link Escaping#HEADER}); the text itself without
     * tags.
     *
     * @param literalValues the copy's value for each literal tag; a literal tag without one stays as written
     */
    public String render(MergeValues values, Map<String, String> literalValues, Escaping escaping) {
        if (slots.length == 0) {
            return text;
        }
        StringBuilder rendered = new StringBuilder(renderedLength(values, literalValues));
        renderTo(rendered, values, literalValues, escaping);
        return rendered.toString();
    }

    /** Appends what {@link #render(MergeValues, Map, Escaping)} returns. */
    public void renderTo(StringBuilder out, MergeValues values, Map<String, String> literalValues, Escaping escaping) {
        int copiedUpTo = 0;
        for (Slot slot : slots) {
            out.append(text, copiedUpTo, slot.start());
            slot.appendValue(out, values, literalValues, escaping);
            copiedUpTo = slot.end();
        }
        out.append(text, copiedUpTo, text.length());
    }

    /**
     * The length of the rendered text before escaping, which adds to it only where a value holds characters to
     * escape: a buffer of this size seldom grows.
     */
    public int renderedLength(MergeValues values, Map<String, String> literalValues) {
        int length = text.length();
        for (Slot slot : slots) {
            length += slot.valueLength(values, literalValues) - (slot.end() - slot.start());
        }
        return length;
    }
}
