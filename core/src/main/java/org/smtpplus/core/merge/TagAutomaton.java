package org.smtpplus.core.merge;

import java.util.Arrays;
import java.util.Collection;

/**
 * The Aho–Corasick automaton of a set of literal tags, built over the tags written backwards: read from a text's end
 * to its start, it tells at each position the longest tag that starts there, which is what leftmost-longest matching
 * needs and what a forward automaton cannot tell before it has read past every tag that could still be longer.
 *
 * <p>The time is linear in the text whatever the tags, with no regard to how many match: each character takes one
 * transition, and each failure link followed on the way shortens the state that the transitions lengthened one
 * character at a time. A transition is a binary search among the children of a state.</p>
 *
 * <p>Written here rather than taken from a library: the maintained Java one (org.ahocorasick:ahocorasick) is not in
 * this build's offline repository, and it collects every match (up to one per tag length at each position) before it
 * drops overlapping ones, keeping the longest anywhere rather than the leftmost.</p>
 */
final class TagAutomaton {
    private static final int ROOT = 0;

    // The states in breadth-first order, so that the children of a state are consecutive states, sorted by the
    // character that leads to them: those of state s are firstChild[s] to firstChild[s + 1] - 1
    private final int[] firstChild;
    private final char[] label;
    private final int[] failure;
    // The length of the longest tag that ends the state's string, read backwards: 0 when none does
    private final short[] longestTag;

    /** @param tags distinct, none empty, none longer than {@link Short#MAX_VALUE} */
    static TagAutomaton of(Collection<String> tags) {
        String[] reversed = tags.stream().map(TagAutomaton::reversed).sorted().toArray(String[]::new);
        return new TagAutomaton(reversed);
    }

    /**
     * The tag's chars in reverse order, as {@link #longestTagAt} reads a text: not StringBuilder's reverse, which
     * keeps the two chars of a surrogate pair in order.
     */
    private static String reversed(String tag) {
        char[] chars = new char[tag.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = tag.charAt(chars.length - 1 - i);
        }
        return new String(chars);
    }

    /**
     * Builds the trie breadth first from the sorted strings: a state stands for the range of them that share its
     * string, so that its children are the runs of that range with the same next character, and failure links can be
     * set as states are made, every shorter state being made before.
     */
    private TagAutomaton(String[] sorted) {
        int capacity = 1 + Arrays.stream(sorted).mapToInt(String::length).sum();
        int[] children = new int[capacity + 1];
        char[] labels = new char[capacity];
        int[] failures = new int[capacity];
        short[] longest = new short[capacity];
        int[] rangeStart = new int[capacity];
        int[] rangeEnd = new int[capacity];
        int[] depth = new int[capacity];
        rangeEnd[ROOT] = sorted.length;
        int states = 1;
        for (int state = 0; state < states; state++) {
            children[state] = states;
            int d = depth[state];
            // a string as long as the state's own sorts first in its range
            int at = rangeStart[state] < rangeEnd[state] && sorted[rangeStart[state]].length() == d
                ? rangeStart[state] + 1 : rangeStart[state];
            while (at < rangeEnd[state]) {
                char c = sorted[at].charAt(d);
                int runEnd = at + 1;
                while (runEnd < rangeEnd[state] && sorted[runEnd].charAt(d) == c) {
                    runEnd++;
                }
                int child = states++;
                labels[child] = c;
                rangeStart[child] = at;
                rangeEnd[child] = runEnd;
                depth[child] = d + 1;
                failures[child] = state == ROOT ? ROOT : next(children, labels, failures, failures[state], c);
                longest[child] = sorted[at].length() == d + 1 ? (short) (d + 1) : longest[failures[child]];
                at = runEnd;
            }
        }
        children[states] = states;
        this.firstChild = Arrays.copyOf(children, states + 1);
        this.label = Arrays.copyOf(labels, states);
        this.failure = Arrays.copyOf(failures, states);
        this.longestTag = Arrays.copyOf(longest, states);
    }

    /**
     * For each position of the text, the length of the longest tag that starts there; 0 where none does.
     */
    short[] longestTagAt(CharSequence text) {
        short[] longest = new short[text.length()];
        int state = ROOT;
        for (int at = text.length() - 1; at >= 0; at--) {
            state = next(firstChild, label, failure, state, text.charAt(at));
            longest[at] = longestTag[state];
        }
        return longest;
    }

    /**
     * The state reached from {@code state} on {@code c}: its child on c, or else that of the nearest state on its
     * chain of failure links that has one, or else the root. While the trie is built, the states on that chain are
     * all shorter than the one whose children are being made, so theirs are made.
     */
    private static int next(int[] firstChild, char[] label, int[] failure, int state, char c) {
        for (int from = state; ; from = failure[from]) {
            int child = child(firstChild, label, from, c);
            if (child >= 0) {
                return child;
            }
            if (from == ROOT) {
                return ROOT;
            }
        }
    }

    private static int child(int[] firstChild, char[] label, int state, char c) {
        int low = firstChild[state];
        int high = firstChild[state + 1] - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            char found = label[middle];
            if (found < c) {
                low = middle + 1;
            } else if (found > c) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }
}
