package org.smtpplus.core.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LiteralTagsTest {
    private static final MergeValues VALUES = LayeredMergeValues.of(List.of(Map.of("name", "Bob")));

    /** The text with each literal tag found put in angle brackets, and {{name}} tags replaced as ever. */
    private static String marked(String text, String... tags) {
        return marked(text, List.of(tags));
    }

    private static String marked(String text, List<String> tags) {
        Map<String, String> values = tags.stream().distinct().collect(Collectors.toMap(tag -> tag, tag -> "<" + tag + ">"));
        return MergeTemplate.of(text, LiteralTags.of(tags)).render(VALUES, values, Escaping.TEXT);
    }

    @Property(tries = 1000)
    void findsTheLeftmostLongestTags(@ForAll("tagSets") List<String> tags, @ForAll("texts") String text) {
        assertThat(marked(text, tags)).isEqualTo(markedOneTagAtATime(text, tags));
    }

    @Provide
    Arbitrary<List<String>> tagSets() {
        return Arbitraries.strings().withChars("ab-{}").ofMinLength(1).ofMaxLength(4).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("ab-{}"), Arbitraries.of("{{name}}", "{{a}}", "-", "a",
            "b", "{", "}", "ab-", "{{ name | b }}").list().ofMaxSize(12).map(pieces -> String.join("", pieces)))
            .map(text -> text.length() > 60 ? text.substring(0, 60) : text);
    }

    /** The definition read as directly as it can be: at each place, every tag tried, and the merge tag there. */
    private String markedOneTagAtATime(String text, List<String> tags) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < text.length()) {
            int start = at;
            String literal = tags.stream().filter(tag -> text.startsWith(tag, start))
                .max(Comparator.comparingInt(String::length)).orElse("");
            Optional<MergeTag> merge = MergeTag.find(text, at).filter(tag -> tag.start() == start);
            int mergeLength = merge.map(tag -> tag.end() - tag.start()).orElse(0);
            if (!literal.isEmpty() && literal.length() >= mergeLength) {
                out.append('<').append(literal).append('>');
                at += literal.length();
            } else if (merge.isPresent()) {
                out.append(VALUES.lookup(merge.get().name().toLowerCase(Locale.ROOT))
                    .orElse(merge.get().fallback()));
                at = merge.get().end();
            } else {
                out.append(text.charAt(at++));
            }
        }
        return out.toString();
    }

    @Nested
    class Matching {
        @Test
        void replacesEachOccurrence() {
            assertThat(marked("Hi -name-, from -city- to -city-.", "-name-", "-city-"))
                .isEqualTo("Hi <-name->, from <-city-> to <-city->.");
        }

        @Test
        void theLongestTagThatStartsAtAPlaceWins() {
            assertThat(marked("x -a-b- y -a-c-", "-a-", "-a-b-")).isEqualTo("x <-a-b-> y <-a->c-");
        }

        @Test
        void tagsThatArePrefixesOfEachOtherAreTold() {
            assertThat(marked("%name% %nam %n", "%n", "%na", "%name%")).isEqualTo("<%name%> <%na>m <%n>");
        }

        @Test
        void theLeftmostTagWinsOverALongerOneThatOverlapsIt() {
            assertThat(marked("abcd", "ab", "bcd")).isEqualTo("<ab>cd");
        }

        @Test
        void matchesDoNotOverlap() {
            assertThat(marked("aaaaa", "aa")).isEqualTo("<aa><aa>a");
        }

        @Test
        void findsTagsAtTheStartAndAtTheEnd() {
            assertThat(marked("-a-text-a-", "-a-")).isEqualTo("<-a->text<-a->");
            assertThat(marked("-a-", "-a-")).isEqualTo("<-a->");
        }

        @Test
        void findsAdjacentTags() {
            assertThat(marked("-a--a-:b:-a-", "-a-", ":b:")).isEqualTo("<-a-><-a-><:b:><-a->");
        }

        @Test
        void findsTagsOfAnySyntax() {
            assertThat(marked("[%first%] in :city, %recipient.plan%", "[%first%]", ":city", "%recipient.plan%"))
                .isEqualTo("<[%first%]> in <:city>, <%recipient.plan%>");
        }

        @Test
        void isCaseSensitive() {
            assertThat(marked("-name- -Name- -NAME-", "-Name-")).isEqualTo("-name- <-Name-> -NAME-");
        }

        @Test
        void findsNonAsciiTags() {
            assertThat(marked("Bonjour «prénom», 😀x 名前 😀", "«prénom»", "😀x", "名前"))
                .isEqualTo("Bonjour <«prénom»>, <😀x> <名前> 😀");
        }

        @Test
        void aTextWithoutTagsIsReturnedAsIs() {
            String text = "nothing -here- to replace";

            assertThat(MergeTemplate.of(text, LiteralTags.of(List.of("-there-"))).render(VALUES, Map.of(), Escaping.TEXT))
                .isSameAs(text);
        }

        @Test
        void aTagWithoutAValueStaysAsWritten() {
            MergeTemplate template = MergeTemplate.of("Hi -name- in -\tc-", LiteralTags.of(List.of("-name-", "-\tc-")));

            assertThat(template.render(VALUES, Map.of("-name-", "Ann"), Escaping.HEADER)).isEqualTo("Hi Ann in -\tc-");
        }

        @Test
        void aValueIsNotScannedForTagsAgain() {
            MergeTemplate template = MergeTemplate.of("-a- -b-", LiteralTags.of(List.of("-a-", "-b-")));

            assertThat(template.render(VALUES, Map.of("-a-", "-b- {{name}}", "-b-", "B"), Escaping.TEXT))
                .isEqualTo("-b- {{name}} B");
        }
    }

    @Nested
    class WithMergeTags {
        @Test
        void bothKindsAreFoundInOnePass() {
            assertThat(marked("{{name}}-a-{{ name }} -a-", "-a-")).isEqualTo("Bob<-a->Bob <-a->");
        }

        @Test
        void aLiteralTagInsideAMergeTagIsNotMatched() {
            assertThat(marked("{{name}} {{ missing | -a- }}", "name", "-a-")).isEqualTo("Bob -a-");
        }

        @Test
        void aLiteralTagThatStartsFirstWinsOverAMergeTagItOverlaps() {
            assertThat(marked("x{{name}} {{name}}", "x{")).isEqualTo("<x{>{name}} Bob");
        }

        @Test
        void theLongerOfTwoThatStartAtTheSamePlaceWins() {
            assertThat(marked("{{name}} {{ x", "{{")).isEqualTo("Bob <{{> x");
        }

        @Test
        void aLiteralTagWinsOverAMergeTagJustAsLong() {
            assertThat(marked("{{name}} {{ name }}", "{{name}}")).isEqualTo("<{{name}}> Bob");
        }

        @Test
        void aMergeTagAfterALiteralTagThatTookItsStartIsText() {
            assertThat(marked("-{{name}} {{name}}", "-{")).isEqualTo("<-{>{name}} Bob");
        }
    }

    @Nested
    class Rendering {
        private final MergeValues markup = LayeredMergeValues.of(List.of(Map.of("v", "<b>Tom & Jerry</b>")));
        private final MergeTemplate template = MergeTemplate.of("<p>{{v}} -v-</p>", LiteralTags.of(List.of("-v-")));
        private final Map<String, String> literal = Map.of("-v-", "<a href=\"https://x.example/?a=1&amp;b=2\">\r\nTom</a>");

        @Test
        void aLiteralValueIsRawInHtmlWhereAMergeValueIsEscaped() {
            assertThat(template.render(markup, literal, Escaping.HTML))
                .isEqualTo("<p>&lt;b&gt;Tom &amp; Jerry&lt;/b&gt; <a href=\"https://x.example/?a=1&amp;b=2\">\r\nTom</a></p>");
        }

        @Test
        void bothAreAsTheyAreInText() {
            assertThat(template.render(markup, literal, Escaping.TEXT))
                .isEqualTo("<p><b>Tom & Jerry</b> <a href=\"https://x.example/?a=1&amp;b=2\">\r\nTom</a></p>");
        }

        @Test
        void aHeaderKeepsNoControlCharacterOfEither() {
            MergeValues lines = LayeredMergeValues.of(List.of(Map.of("v", "a\r\nBcc: x@example.com")));

            assertThat(template.render(lines, Map.of("-v-", "b\r\nBcc: y@example.com\u0000"), Escaping.HEADER))
                .isEqualTo("<p>a  Bcc: x@example.com b  Bcc: y@example.com </p>");
        }

        @Test
        void renderingToABufferGivesTheSameAndItsLengthBeforeEscaping() {
            StringBuilder out = new StringBuilder("> ");
            template.renderTo(out, markup, literal, Escaping.HTML);

            assertThat(out.toString()).isEqualTo("> " + template.render(markup, literal, Escaping.HTML));
            assertThat(template.renderedLength(markup, literal))
                .isEqualTo(template.render(markup, literal, Escaping.TEXT).length());
            assertThat(template.renderedLength(markup, Map.of()))
                .isEqualTo(template.render(markup, Map.of(), Escaping.TEXT).length());
        }

        @Test
        void withoutLiteralValuesLiteralTagsStayAsWritten() {
            assertThat(template.render(markup, Escaping.HTML)).isEqualTo("<p>&lt;b&gt;Tom &amp; Jerry&lt;/b&gt; -v-</p>");
        }
    }

    @Nested
    class InShortTexts {
        @Test
        void replaceInReplacesTheTagsWithAValueAndLeavesTheRest() {
            LiteralTags tags = LiteralTags.of(List.of("-name-", "-city-", "-name-x-"));

            assertThat(tags.replaceIn("Hi -name-, {{name}} -city- -name-x- -name", Map.of("-name-", "Ann", "-city-", "<b>Rome</b>")::get))
                .isEqualTo("Hi Ann, {{name}} <b>Rome</b> -name-x- -name");
        }

        @Test
        void replacedLengthIsTheLengthReplaceInGivesWithValuesOfThoseLengths() {
            LiteralTags tags = LiteralTags.of(List.of("-a-", "-bb-"));
            String text = "x-a--bb-y-a-";

            assertThat(tags.replacedLength(text, tag -> tag.equals("-a-") ? 10 : 0))
                .isEqualTo(tags.replaceIn(text, Map.of("-a-", "0123456789", "-bb-", "")::get).length());
        }
    }

    @Nested
    class Validation {
        @Test
        void noneHasNoTags() {
            assertThat(LiteralTags.NONE.isEmpty()).isTrue();
            assertThat(LiteralTags.NONE.tags()).isEmpty();
            assertThat(LiteralTags.of(List.of()).isEmpty()).isTrue();
        }

        @Test
        void duplicatesCountOnce() {
            assertThat(LiteralTags.of(List.of("-a-", "-a-", "-b-")).tags()).containsExactlyInAnyOrder("-a-", "-b-");
        }

        @Test
        void refusesAnEmptyTag() {
            assertThatThrownBy(() -> LiteralTags.of(List.of("-a-", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        }

        @Test
        void takesATagOf200CharactersButNotOneOf201() {
            String longest = "%" + "x".repeat(198) + "%";

            assertThat(LiteralTags.of(List.of(longest)).tags()).containsExactly(longest);
            assertThatThrownBy(() -> LiteralTags.of(List.of("%" + "y".repeat(199) + "%")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("%yyyy")
                .hasMessageContaining("201");
        }

        @Test
        void takes10000TagsButNotMore() {
            List<String> tags = IntStream.rangeClosed(1, LiteralTags.MAX_TAGS).mapToObj(i -> "-t" + i + "-")
                .collect(Collectors.toCollection(ArrayList::new));

            assertThat(LiteralTags.of(tags).tags()).hasSize(10_000);
            tags.add("-t0-");
            assertThatThrownBy(() -> LiteralTags.of(tags))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10001");
        }
    }

    @Nested
    class Scale {
        @Test
        void finds10000TagsInAMegabyteOfText() {
            List<String> tags = IntStream.rangeClosed(1, 10_000).mapToObj(i -> "-t" + i + "-").collect(Collectors.toList());
            Map<String, String> values = new HashMap<>();
            tags.forEach(tag -> values.put(tag, "v" + tag.substring(2, tag.length() - 1)));
            StringBuilder text = new StringBuilder();
            StringBuilder expected = new StringBuilder();
            // Tags up to -t12000-, of which those above 10000 are near misses, and a "-t" that starts none
            for (int i = 0; text.length() < 1_000_000; i++) {
                int n = i % 12_000 + 1;
                text.append("-t").append(n).append("- -t");
                expected.append(n <= 10_000 ? "v" + n : "-t" + n + "-").append(" -t");
            }

            String rendered = MergeTemplate.of(text.toString(), LiteralTags.of(tags)).render(VALUES, values, Escaping.TEXT);

            assertThat(rendered).isEqualTo(expected.toString());
        }

        @Test
        void manyTagsOfOneKindBeforeOneOfTheOther() {
            assertThat(marked("{{name}}".repeat(125_000) + "-a-", "-a-")).isEqualTo("Bob".repeat(125_000) + "<-a->");
            assertThat(marked("-a-".repeat(300_000) + "{{name}}", "-a-"))
                .isEqualTo("<-a->".repeat(300_000) + "Bob");
        }

        @Test
        void longTagsThatShareAllButTheirEndDoNotSlowAMegabyteOfTheirStart() {
            List<String> tags = IntStream.range(0, 10_000).mapToObj(i -> "a".repeat(190) + String.format("%010d", i))
                .collect(Collectors.toList());
            String text = "a".repeat(1_000_000) + tags.get(4711);

            String rendered = MergeTemplate.of(text, LiteralTags.of(tags))
                .render(VALUES, Map.of(tags.get(4711), "!"), Escaping.TEXT);

            assertThat(rendered).isEqualTo("a".repeat(1_000_000) + "!");
        }

        @Test
        void takes10000Distinct200CharacterTags() {
            List<String> tags = IntStream.range(0, 10_000)
                .mapToObj(i -> String.format("%05d", i).repeat(40)).collect(Collectors.toList());
            String text = String.join(" ", tags.subList(0, 100));

            String rendered = MergeTemplate.of(text, LiteralTags.of(tags)).render(VALUES,
                Map.of(tags.get(0), "A", tags.get(99), "Z"), Escaping.TEXT);

            assertThat(rendered).startsWith("A " + tags.get(1)).endsWith(tags.get(98) + " Z");
        }
    }
}
