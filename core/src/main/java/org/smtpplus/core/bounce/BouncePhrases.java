package org.smtpplus.core.bounce;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The phrase tables of bounce reasons ({@code bounce-phrases.txt} beside this class, whose header documents the
 * format, plus an operator's file of the same format), matched against a diagnostic text.
 *
 * <p>Every phrase is looked for in one pass over the text with an Aho-Corasick automaton, so the work is linear in
 * the text whatever the phrases, and only the first {@value #MAX_TEXT_LENGTH} characters are read. It is written here
 * because the libraries at hand offer no multi-phrase matcher: a regular expression of alternatives is what the
 * text must not meet (its work grows with the text times the phrases), and Aho-Corasick is a hundred lines.
 * Case is ignored, every run of white space reads as one space and the typographic apostrophe as {@code '}.
 *
 * <p>When several phrases match, the longest wins (the most specific wording); between phrases of the same length,
 * the reason first in {@link #PRECEDENCE}: every reason that keeps the address comes before the two that suppress it.
 */
public final class BouncePhrases {
    /** The characters of a diagnostic that are read: a reply or a sentence of a bounce is far shorter. */
    public static final int MAX_TEXT_LENGTH = 16_384;

    static final List<BounceReason> PRECEDENCE = List.of(
        BounceReason.NOT_ACCEPT, BounceReason.HAS_MOVED, BounceReason.AUTH_FAILURE, BounceReason.SPAM_DETECTED,
        BounceReason.TOO_MANY_CONNECTIONS, BounceReason.RATE_LIMITED, BounceReason.BLOCKED,
        BounceReason.POLICY_VIOLATION, BounceReason.REJECTED, BounceReason.FILTERED, BounceReason.SUSPENDED,
        BounceReason.MAILBOX_FULL, BounceReason.MESSAGE_TOO_BIG, BounceReason.EXPIRED, BounceReason.NETWORK_ERROR,
        BounceReason.CONTENT_ERROR, BounceReason.SYSTEM_ERROR, BounceReason.HOST_UNKNOWN, BounceReason.USER_UNKNOWN,
        BounceReason.UNDEFINED);

    private static final String BUILT_IN = "bounce-phrases.txt";
    private static final String WEAK = "weak";
    private static final Comparator<PhraseMatch> MOST_SPECIFIC_FIRST =
        Comparator.comparingInt((PhraseMatch match) -> -match.phrase().length())
            .thenComparingInt(match -> PRECEDENCE.indexOf(match.reason()));

    /** One phrase of a table that a text contains. */
    public static final class PhraseMatch {
        private final BounceReason reason;
        private final String phrase;
        private final String source;
        private final boolean weak;

        PhraseMatch(BounceReason reason, String phrase, String source, boolean weak) {
            this.reason = reason;
            this.phrase = phrase;
            this.source = source;
            this.weak = weak;
        }

        public BounceReason reason() {
            return reason;
        }

        /** The phrase as the table has it after normalising: lower case, single spaces. */
        public String phrase() {
            return phrase;
        }

        /** The MTA or provider the wording comes from. */
        public String source() {
            return source;
        }

        /**
         * A wording that frames another's reason as often as it names its own, such as Postfix's "Recipient address
         * rejected:" before whatever a restriction says: it counts only when no other phrase matches.
         */
        public boolean weak() {
            return weak;
        }

        @Override
        public String toString() {
            return reason.asJson() + " \"" + phrase + "\" (" + source + (weak ? ", weak" : "") + ")";
        }
    }

    /** What one pass found, and the automaton steps it took: a test's measure of the work. */
    static final class Scan {
        final List<PhraseMatch> matches;
        final long steps;

        private Scan(List<PhraseMatch> matches, long steps) {
            this.matches = matches;
            this.steps = steps;
        }
    }

    private static final class Holder {
        private static final BouncePhrases BUILT_IN_TABLE = builtInWith(List.of());
    }

    // The automaton: node 0 is the root; for each node its transitions, its failure link, the phrases that end
    // there and the nearest node on its failure chain where phrases end.
    private final List<Map<Character, Integer>> transitions = new ArrayList<>();
    private final List<List<PhraseMatch>> endingAt = new ArrayList<>();
    private int[] failure;
    private int[] outputLink;

    private BouncePhrases(List<PhraseMatch> phrases) {
        newNode();
        for (PhraseMatch phrase : phrases) {
            int node = 0;
            for (int i = 0; i < phrase.phrase().length(); i++) {
                Integer next = transitions.get(node).get(phrase.phrase().charAt(i));
                if (next == null) {
                    next = newNode();
                    transitions.get(node).put(phrase.phrase().charAt(i), next);
                }
                node = next;
            }
            endingAt.get(node).add(phrase);
        }
        linkFailures();
    }

    /** The built-in table, read once. */
    public static BouncePhrases builtIn() {
        return Holder.BUILT_IN_TABLE;
    }

    /** The built-in table and an operator's table of the same format, whose phrases count as the built-in ones do. */
    public static BouncePhrases withOperatorTable(Path table) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bounce phrase table " + table, e);
        }
        return builtInWith(parse(table.toString(), lines));
    }

    /** Every phrase the text contains, the most specific first (see the class comment). */
    public List<PhraseMatch> matches(CharSequence text) {
        return scan(text).matches;
    }

    /** The most specific phrase the text contains. */
    public Optional<PhraseMatch> bestMatch(CharSequence text) {
        List<PhraseMatch> found = matches(text);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    Scan scan(CharSequence text) {
        boolean[] reported = new boolean[transitions.size()];
        List<PhraseMatch> found = new ArrayList<>();
        long steps = 0;
        int node = 0;
        boolean lastWasSpace = true;
        int length = Math.min(text.length(), MAX_TEXT_LENGTH);
        for (int i = 0; i < length; i++) {
            char c = normalised(text.charAt(i));
            if (c == ' ' && lastWasSpace) {
                continue;
            }
            lastWasSpace = c == ' ';
            Integer next;
            // Each failure step shortens the match at hand, which only grew by one a character: linear in all
            while ((next = transitions.get(node).get(c)) == null && node != 0) {
                node = failure[node];
                steps++;
            }
            node = next == null ? 0 : next;
            steps++;
            // A node reported once has had its whole output chain reported with it
            for (int out = endingAt.get(node).isEmpty() ? outputLink[node] : node; out > 0 && !reported[out];
                 out = outputLink[out]) {
                reported[out] = true;
                found.addAll(endingAt.get(out));
                steps++;
            }
        }
        found.sort(MOST_SPECIFIC_FIRST);
        return new Scan(Collections.unmodifiableList(found), steps);
    }

    private static BouncePhrases builtInWith(List<PhraseMatch> extra) {
        List<PhraseMatch> phrases = new ArrayList<>(parse(BUILT_IN, builtInLines()));
        phrases.addAll(extra);
        return new BouncePhrases(phrases);
    }

    private static List<String> builtInLines() {
        try (InputStream in = BouncePhrases.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + BUILT_IN + " is missing beside " + BouncePhrases.class);
            }
            List<String> lines = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + BUILT_IN, e);
        }
    }

    static List<PhraseMatch> parse(String name, List<String> lines) {
        List<PhraseMatch> phrases = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            int number = index + 1;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 3 && fields.length != 4) {
                throw new IllegalArgumentException("bounce phrase table " + name + " line " + number
                    + ": expected reason<TAB>phrase<TAB>source, or a fourth field weak, got " + fields.length + " field(s)");
            }
            boolean weak = fields.length == 4;
            if (weak && !fields[3].trim().equals(WEAK)) {
                throw new IllegalArgumentException("bounce phrase table " + name + " line " + number
                    + ": the fourth field can only be '" + WEAK + "', got '" + fields[3].trim() + "'");
            }
            String reasonWord = fields[0].trim();
            BounceReason reason = BounceReason.fromJson(reasonWord)
                .filter(known -> known != BounceReason.UNDEFINED)
                .orElseThrow(() -> new IllegalArgumentException("bounce phrase table " + name + " line " + number
                    + ": unknown reason '" + reasonWord + "'"));
            String phrase = normalised(fields[1]);
            if (phrase.isEmpty()) {
                throw new IllegalArgumentException("bounce phrase table " + name + " line " + number + ": empty phrase");
            }
            phrases.add(new PhraseMatch(reason, phrase, fields[2].trim(), weak));
        }
        return phrases;
    }

    /** A phrase as the scan reads a text: lower case, single spaces, no space at either end. */
    static String normalised(String phrase) {
        StringBuilder result = new StringBuilder(phrase.length());
        boolean lastWasSpace = true;
        for (int i = 0; i < phrase.length(); i++) {
            char c = normalised(phrase.charAt(i));
            if (c == ' ' && lastWasSpace) {
                continue;
            }
            lastWasSpace = c == ' ';
            result.append(c);
        }
        int end = result.length();
        return end > 0 && result.charAt(end - 1) == ' ' ? result.substring(0, end - 1) : result.toString();
    }

    private static char normalised(char c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return ' ';
        }
        if (c == '\u2019' || c == '\u2018') {
            return '\'';
        }
        return Character.toLowerCase(c);
    }

    private int newNode() {
        transitions.add(new HashMap<>());
        endingAt.add(new ArrayList<>());
        return transitions.size() - 1;
    }

    /** Breadth first, so that a node's failure link, a shorter node, is set before the node's own children. */
    private void linkFailures() {
        failure = new int[transitions.size()];
        outputLink = new int[transitions.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>(transitions.get(0).values());
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (Map.Entry<Character, Integer> edge : transitions.get(node).entrySet()) {
                int child = edge.getValue();
                int fallback = failure[node];
                Integer target;
                while ((target = transitions.get(fallback).get(edge.getKey())) == null && fallback != 0) {
                    fallback = failure[fallback];
                }
                failure[child] = target == null || target == child ? 0 : target;
                outputLink[child] = endingAt.get(failure[child]).isEmpty() ? outputLink[failure[child]] : failure[child];
                queue.add(child);
            }
        }
    }

    @Override
    public String toString() {
        return "BouncePhrases[" + transitions.size() + " nodes]";
    }
}
