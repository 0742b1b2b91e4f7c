package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import org.smtpplus.core.merge.HtmlEscaper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The scans that replaced regular expressions and encoder round trips on the personaliser's path read text exactly as
 * those did: each is checked here against the expression or the call it replaced, as the oracle.
 */
class PatternScannersTest {
    private static final Pattern ANY_LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final Pattern BR = Pattern.compile("(?i)<br\\s*/?>(\r\n|\r|\n)?");
    private static final String ALPHABET = "  \r\n \t<>a-=@\u2028\u0085\u2029\u00e9\u0141\uD83D\uDE00\uD800\uDC00";

    @Property(tries = 3000)
    void lineBreaksBecomeCrlfAsThePatternMadeThem(@ForAll("texts") String text) {
        String crlf = ANY_LINE_BREAK.matcher(text).replaceAll("\r\n");

        assertThat(LineEndings.toCrlf(text)).isEqualTo(crlf);
        assertThat(LineEndings.toCrlf(text, TextScan.of(text).firstBareBreak())).isEqualTo(crlf);
    }

    @Property(tries = 3000)
    void convertsTemplatesAsThePatternsDid(@ForAll("markup") String text) {
        assertThat(HtmlText.fromPlainText(text))
            .isEqualTo(ANY_LINE_BREAK.matcher(HtmlEscaper.escape(text)).replaceAll("<br>\r\n"));
        assertThat(HtmlText.withBrAsCrlf(text)).isEqualTo(BR.matcher(text).replaceAll("\r\n"));
    }

    @Property(tries = 3000)
    void cutsASubjectForFoldingAsThePatternDid(@ForAll("texts") String text) {
        assertThat(SubjectEncoder.foldingSegments(text)).containsExactly(text.split("(?= [^ ])"));
    }

    @Property(tries = 3000)
    void unfoldsAsThePatternsDid(@ForAll("texts") String text) {
        String unfolded = text.replaceAll("\r?\n(?=[ \t])", "").replaceAll("[\r\n]", "");

        assertThat(HeaderText.unfold(text)).isEqualTo(unfolded);
        assertThat(HeaderText.withoutLeadingBlanks(text)).isEqualTo(text.replaceFirst("^[ \t]+", ""));
    }

    @Property(tries = 3000)
    void normalisesAddressesAsThePatternDid(@ForAll("texts") String address) {
        assertThat(RecipientAddresses.normalized(address))
            .isEqualTo(address.trim().replaceAll("^<|>$", "").toLowerCase(Locale.ROOT));
    }

    @Property(tries = 3000)
    void keepsACharsetExactlyWhenItsEncoderCanEncodeTheText(@ForAll("texts") String text) {
        for (Charset charset : new Charset[] {StandardCharsets.US_ASCII, StandardCharsets.ISO_8859_1, StandardCharsets.UTF_8,
            Charset.forName("windows-1252")}) {
            Charset expected = charset.newEncoder().canEncode(text) ? charset : StandardCharsets.UTF_8;

            assertThat(TextBodyEncoder.charsetFor(text, charset)).isEqualTo(expected);
            assertThat(TextBodyEncoder.charsetFor(text, TextScan.of(text), charset)).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<String> markup() {
        return Arbitraries.oneOf(
            Arbitraries.strings().withChars("<bBrR/> \t\f\u000B\r\n&x".toCharArray()).ofMaxLength(16),
            Arbitraries.of("<br>", "<BR/>", "<bR \t/>", "<br", "br>", "<br/ >", "\r\n", "\r", "\n", "x", "<brx>")
                .list().ofMaxSize(6).map(parts -> String.join("", parts)));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMaxLength(12);
    }
}
