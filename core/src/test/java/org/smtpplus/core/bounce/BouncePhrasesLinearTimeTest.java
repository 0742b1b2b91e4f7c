package org.smtpplus.core.bounce;

import java.util.List;

import org.smtpplus.core.linear.Adversarial;
import org.smtpplus.core.linear.LinearTime;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The phrase scan is linear in the text: its automaton steps (transitions, failure links, reported matches) and its
 * reads of the text at most about double when the text doubles, on texts made of the phrases' own pieces.
 */
class BouncePhrasesLinearTimeTest {
    private static final BouncePhrases PHRASES = BouncePhrases.builtIn();
    private static final String ALPHABET = "aeinorsu \t\r\n'\u2019.:";
    private static final List<String> FRAGMENTS = List.of("user unknown", "user unknow", "unknown user", "no such",
        "mailbox ", "address rejected", "recipient address rejected", "blocked", "spam", "   ", "550 5.1.1 ",
        "try again", "not listed in ", "does not", "USER UNKNOWN", "uuuu");

    @Property(tries = 60)
    void scanStepsGrowLinearly(@ForAll("adversarial") Adversarial input) {
        LinearTime.assertLinear(input, (text, budget) -> PHRASES.scan(text).steps);
    }

    @Property(tries = 30)
    void scanReadsEachCharacterOnce(@ForAll("adversarial") Adversarial input) {
        LinearTime.assertLinear(input, LinearTime.charactersRead(PHRASES::scan));
    }

    @Provide
    Arbitrary<Adversarial> adversarial() {
        return Arbitraries.oneOf(Adversarial.inputs(ALPHABET, FRAGMENTS),
            Arbitraries.of(Adversarial.of("", "a", ""), Adversarial.of("user", " unknow", "n"),
                Adversarial.of("5", "50 5.1.", "1"), Adversarial.of("", "recipient address rejecte", "d")));
    }
}
