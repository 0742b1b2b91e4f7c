package org.smtpplus.core.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smtpplus.core.linear.Adversarial;
import org.smtpplus.core.linear.LinearTime;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MergeTagTest {
    // The pattern the engine used before it scanned templates itself: it defines what a tag is, and took cubic time
    // on "{{a|" followed by spaces
    private static final Pattern ORACLE = Pattern.compile(
        "\\{\\{[ \\t]*([A-Za-z0-9_.\\-]+)[ \\t]*(?:\\|[ \\t]*([^{}\\r\\n]*?)[ \\t]*)?}}");
    private static final String ALPHABET = "{}| \t\r\naZ19._-";
    private static final List<String> FRAGMENTS = List.of("{{", "}}", "{{a|", "{{ a |", "{{a", "| b", " ", "\t",
        "{{{", "}}}", "{{a}}", "{{a|b}}", "{{a|b }", "\r\n", "{", "}", "|");
    private static final MergeValues VALUES =
        LayeredMergeValues.of(List.of(Map.of("a", "<A>", "z", "<Z>", "1.-_", "<1>")));

    @Property(tries = 2000)
    void findsWhatThePatternFound(@ForAll("templates") String template) {
        assertThat(scanned(template)).isEqualTo(matched(template));
    }

    @Property(tries = 500)
    void rendersWhatThePatternRendered(@ForAll("templates") String template) {
        assertThat(MergeEngine.render(template, VALUES, Escaping.TEXT)).isEqualTo(renderedByPattern(template));
    }

    @Property(tries = 60)
    void findsTagsInLinearTime(@ForAll("adversarial") Adversarial input) {
        LinearTime.assertLinear(input, LinearTime.charactersRead(MergeTagTest::scanned));
    }

    @Provide
    Arbitrary<String> templates() {
        return Adversarial.texts(ALPHABET, FRAGMENTS, 8);
    }

    @Provide
    Arbitrary<Adversarial> adversarial() {
        // A start followed by a long run of blanks made the pattern cubic
        return Arbitraries.oneOf(Adversarial.inputs(ALPHABET, FRAGMENTS), Arbitraries.of(
            Adversarial.of("{{a|", " ", ""), Adversarial.of("x{{ a |", "\t ", "}"),
            Adversarial.of("{{a|b", " ", "}x")));
    }

    private static List<String> scanned(CharSequence template) {
        List<String> tags = new ArrayList<>();
        Optional<MergeTag> tag = MergeTag.find(template, 0);
        for (; tag.isPresent(); tag = MergeTag.find(template, tag.get().end())) {
            MergeTag found = tag.get();
            tags.add(found.start() + "-" + found.end() + " " + found.name() + "|" + found.fallback());
        }
        return tags;
    }

    private static List<String> matched(String template) {
        List<String> tags = new ArrayList<>();
        Matcher tag = ORACLE.matcher(template);
        while (tag.find()) {
            String fallback = tag.group(2) == null ? "" : tag.group(2);
            tags.add(tag.start() + "-" + tag.end() + " " + tag.group(1) + "|" + fallback);
        }
        return tags;
    }

    private static String renderedByPattern(String template) {
        Matcher tag = ORACLE.matcher(template);
        StringBuilder rendered = new StringBuilder();
        while (tag.find()) {
            String fallback = tag.group(2) == null ? "" : tag.group(2);
            String value = VALUES.lookup(tag.group(1).toLowerCase(Locale.ROOT)).orElse(fallback);
            tag.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        return tag.appendTail(rendered).toString();
    }
}
