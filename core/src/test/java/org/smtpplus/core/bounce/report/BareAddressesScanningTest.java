package org.smtpplus.core.bounce.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.smtpplus.core.linear.Adversarial;
import org.smtpplus.core.linear.LinearTime;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Trailing full stops go as the pattern {@code \.+$} took them, without its quadratic time on a long run of dots. */
class BareAddressesScanningTest {
    private static final Pattern TRAILING_DOTS = Pattern.compile("\\.+$");
    private static final String ALPHABET = "a.@\r\n\u0085\u2028\u2029";
    private static final List<String> FRAGMENTS = List.of(".", "..", "a@b.", ".\r\n", ".\n", "\r", "\u2028");

    @Property(tries = 2000)
    void removesWhatThePatternRemoved(@ForAll("addresses") String address) {
        assertThat(BareAddresses.withoutTrailingDots(address)).isEqualTo(TRAILING_DOTS.matcher(address).replaceAll(""));
    }

    @Property(tries = 40)
    void removesTrailingDotsInLinearTime(@ForAll("adversarial") Adversarial input) {
        LinearTime.assertLinear(input, LinearTime.charactersRead(BareAddresses::withoutTrailingDots));
    }

    @Provide
    Arbitrary<String> addresses() {
        return Adversarial.texts(ALPHABET, FRAGMENTS, 6);
    }

    @Provide
    Arbitrary<Adversarial> adversarial() {
        // Every full stop of a long run started a match that failed at the run's end
        return Arbitraries.oneOf(Adversarial.inputs(ALPHABET, FRAGMENTS),
            Arbitraries.of(Adversarial.of("a", ".", "a")));
    }
}
