package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.linear.Adversarial;
import org.smtpplus.core.linear.LinearTime;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EncodedWordsTest {
    private static final String ALPHABET = "=?qQbB_ \t\r\na9-é";
    private static final List<String> FRAGMENTS = List.of("=?", "?=", "?", "=?utf-8?q?", "=?UTF-8?B?",
        "=?iso-8859-1?Q?", "=?x-unknown?q?", "?q?", "?b?", "?x?", "YQ==", "w6k=", "=41", "=C3=A9", "_", " ", "\r\n ",
        "=?utf-8?q?a?=", "=?utf-8?q?=20?=", "=?utf-8?b??=");

    @Property(tries = 3000)
    void decodesAsMime4jDoes(@ForAll("values") String value) {
        assertThat(EncodedWords.decode(value)).isEqualTo(DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT));
    }

    @Property(tries = 60)
    void decodesInLinearTime(@ForAll("adversarial") Adversarial input) {
        LinearTime.assertLinear(input, LinearTime.charactersRead(EncodedWords::decode));
    }

    @Test
    void decodesWordsAndDropsTheWhiteSpaceBetweenThem() {
        assertThat(EncodedWords.decode("Caf=?utf-8?q?=C3=A9?= =?utf-8?b?w6k=?= ok =?unknown?q?x?="))
            .isEqualTo("Caféé ok =?unknown?q?x?=");
    }

    @Test
    void keepsWhatFollowsAnUnfinishedWord() {
        String unfinished = "=?a?b".repeat(1_000);

        assertThat(EncodedWords.decode("=?utf-8?q?a?= " + unfinished)).isEqualTo("a " + unfinished);
    }

    @Provide
    Arbitrary<String> values() {
        return Adversarial.texts(ALPHABET, FRAGMENTS, 8);
    }

    @Provide
    Arbitrary<Adversarial> adversarial() {
        // Every "=?" of a word that does not end made mime4j search to the end again
        return Arbitraries.oneOf(Adversarial.inputs(ALPHABET, FRAGMENTS), Arbitraries.of(
            Adversarial.of("", "=?a?b", ""), Adversarial.of("x", "=?", "?="),
            Adversarial.of("=?utf-8?q?a?= ", "=?q", "")));
    }
}
