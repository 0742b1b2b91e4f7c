package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smtpplus.core.linear.Adversarial;
import org.smtpplus.core.linear.LinearTime;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The scanners that find the body tags, the meta charset and the tags of an HTML text find what the patterns they
 * replace found, in linear time: the patterns took quadratic time on {@code <body <body ...}, {@code <meta <meta ...}
 * and {@code <<<<}, each start scanning to the end for a '>' that never came.
 */
class HtmlScanningTest {
    private static final Pattern BODY_START = Pattern.compile("(?i)<body\\b[^>]*>");
    private static final Pattern BODY_END = Pattern.compile("(?i)</body\\s*>");
    private static final Pattern META_CHARSET =
        Pattern.compile("(?i)(<meta\\b[^>]*?\\bcharset\\s*=\\s*[\"']?)[A-Za-z0-9._:\\-]+");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    // Word characters, their neighbours for \b (a combining mark counts as part of a word), and the HTML syntax read
    private static final String ALPHABET =
        "<>/=\"' \t\n\u000bbBoOdDyYmMeEtTaAcChHrRsS-_.:9\u00e9\u0301";
    private static final List<String> FRAGMENTS = List.of("<body", "<BODY ", "</body", "</Body >", "<meta",
        "<meta ", "charset", "CharSet=", "charset =\"", "utf-8", "<", ">", "<meta charset=", " \u0301charset=x",
        "_charset=x", "<bodyx", "<body\u0301>", "<metax");

    @Property(tries = 2000)
    void findsTheBodyTagsThePatternsFound(@ForAll("html") String html) {
        Matcher start = BODY_START.matcher(html);
        assertThat(BodyDecorator.afterBodyStartTag(html)).isEqualTo(start.find() ? start.end() : 0);
        Matcher end = BODY_END.matcher(html);
        int lastEnd = html.length();
        while (end.find()) {
            lastEnd = end.start();
        }
        assertThat(BodyDecorator.lastBodyEndTag(html)).isEqualTo(lastEnd);
    }

    @Property(tries = 2000)
    void replacesTheMetaCharsetThePatternReplaced(@ForAll("html") String html) {
        assertThat(HtmlCharsetDeclaration.withCharset(html, StandardCharsets.UTF_8))
            .isEqualTo(META_CHARSET.matcher(html).replaceAll("$1UTF-8"));
    }

    @Property(tries = 2000)
    void removesTheTagsThePatternRemoved(@ForAll("html") String html) {
        assertThat(HtmlText.withoutTags(html)).isEqualTo(TAG.matcher(html).replaceAll(""));
    }

    @Property(tries = 40)
    void findsTheBodyStartTagInLinearTime(@ForAll("adversarial") Adversarial input) {
        LinearTime.assertLinear(input, LinearTime.charactersRead(BodyDecorator::afterBodyStartTag));
    }

    @Property(tries = 40)
    void findsTheLastBodyEndTagInLinearTime(@ForAll("adversarial") Adversarial input) {
        LinearTime.assertLinear(input, LinearTime.charactersRead(BodyDecorator::lastBodyEndTag));
    }

    @Property(tries = 40)
    void replacesTheMetaCharsetInLinearTime(@ForAll("adversarial") Adversarial input) {
        LinearTime.assertLinear(input, LinearTime.charactersRead(
            html -> HtmlCharsetDeclaration.withCharset(html, StandardCharsets.UTF_8)));
    }

    @Property(tries = 40)
    void removesTagsInLinearTime(@ForAll("adversarial") Adversarial input) {
        LinearTime.assertLinear(input, LinearTime.charactersRead(HtmlText::withoutTags));
    }

    @Provide
    Arbitrary<String> html() {
        return Adversarial.texts(ALPHABET, FRAGMENTS, 8);
    }

    @Provide
    Arbitrary<Adversarial> adversarial() {
        // Many starts, each scanning to the end for a '>' that never comes, made the patterns quadratic
        return Arbitraries.oneOf(Adversarial.inputs(ALPHABET, FRAGMENTS), Arbitraries.of(
            Adversarial.of("", "<body ", ""), Adversarial.of("", "<meta ", ""),
            Adversarial.of("<meta ", "charset ", ""), Adversarial.of("", "<", ""), Adversarial.of("x", "</body ", "")));
    }
}
