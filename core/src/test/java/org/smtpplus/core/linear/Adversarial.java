package org.smtpplus.core.linear;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A generated input that grows: a prefix, a unit repeated, a suffix. Inputs built this way reach the worst cases of
 * backtracking patterns and naive scanners: many starts that each scan far ({@code <<<<}), one start that scans a
 * long run ("{{a|" and spaces), a terminator that never comes.
 */
public final class Adversarial {
    private final String prefix;
    private final String unit;
    private final String suffix;

    private Adversarial(String prefix, String unit, String suffix) {
        this.prefix = prefix;
        this.unit = unit;
        this.suffix = suffix;
    }

    /**
     * @param alphabet  the characters random pieces are made of
     * @param fragments pieces of the syntax the input is read for, e.g. "{{a|", mixed with random ones
     */
    public static Arbitrary<Adversarial> inputs(String alphabet, List<String> fragments) {
        Arbitrary<String> random = Arbitraries.strings().withChars(alphabet.toCharArray()).ofMaxLength(6);
        Arbitrary<String> piece = Arbitraries.oneOf(random, Arbitraries.of(fragments));
        Arbitrary<String> pieces = piece.list().ofMinSize(1).ofMaxSize(3).map(list -> String.join("", list));
        Arbitrary<String> unit = pieces.filter(text -> !text.isEmpty());
        return Combinators.combine(pieces, unit, pieces).as(Adversarial::new);
    }

    /**
     * Short texts for comparing a scanner with the pattern it replaced: up to {@code maxPieces} pieces, each random or
     * a fragment of the syntax.
     */
    public static Arbitrary<String> texts(String alphabet, List<String> fragments, int maxPieces) {
        Arbitrary<String> random = Arbitraries.strings().withChars(alphabet.toCharArray()).ofMaxLength(4);
        return Arbitraries.oneOf(random, Arbitraries.of(fragments)).list().ofMaxSize(maxPieces)
            .map(pieces -> String.join("", pieces));
    }

    /** A known worst case, to mix with generated ones. */
    public static Adversarial of(String prefix, String unit, String suffix) {
        return new Adversarial(prefix, unit, suffix);
    }

    /** The prefix, then the unit repeated to make about {@code length} characters, then the suffix. */
    public String ofLength(int length) {
        int repeats = Math.max(1, (length - prefix.length() - suffix.length()) / unit.length());
        return prefix + unit.repeat(repeats) + suffix;
    }

    @Override
    public String toString() {
        return "prefix=" + escaped(prefix) + " unit=" + escaped(unit) + " suffix=" + escaped(suffix);
    }

    private static String escaped(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
