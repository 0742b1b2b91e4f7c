package org.smtpplus.core.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MergeEngineTest {
    private static final MergeValues VALUES = LayeredMergeValues.of(List.of(
        Map.of("Name", "Bob", "order.id", "A-17", "first-name", "Bobby", "snake_case", "yes"),
        Map.of("name", "Robert", "city", "Paris")));

    private static String render(String template) {
        return MergeEngine.render(template, VALUES, Escaping.TEXT);
    }

    @Nested
    class Values {
        @Test
        void replacesATag() {
            assertThat(render("Hello {{city}}!")).isEqualTo("Hello Paris!");
        }

        @Test
        void firstLayerWins() {
            assertThat(render("{{name}}")).isEqualTo("Bob");
        }

        @Test
        void laterLayerFillsWhatEarlierLayersLack() {
            LayeredMergeValues values = LayeredMergeValues.of(List.of(Map.of("a", "1"), Map.of("a", "2", "b", "3")));

            assertThat(MergeEngine.render("{{a}}{{b}}", values, Escaping.TEXT)).isEqualTo("13");
        }

        @Test
        void nullValuesCountAsAbsent() {
            Map<String, String> withNull = new java.util.HashMap<>();
            withNull.put("a", null);
            LayeredMergeValues values = LayeredMergeValues.of(List.of(withNull, Map.of("a", "later")));

            assertThat(MergeEngine.render("{{a}}", values, Escaping.TEXT)).isEqualTo("later");
        }

        @Test
        void namesAreCaseInsensitiveInTemplatesAndLayers() {
            assertThat(render("{{NAME}} {{Name}} {{name}} {{CITY}}")).isEqualTo("Bob Bob Bob Paris");
        }

        @Test
        void namesMayHoldDotsDashesAndUnderscores() {
            assertThat(render("{{order.id}} {{first-name}} {{snake_case}}")).isEqualTo("A-17 Bobby yes");
        }

        @Test
        void spacesAroundTheNameAndFallbackAreTolerated() {
            assertThat(render("{{ name }} {{ missing | friend }} {{\tcity\t}}")).isEqualTo("Bob friend Paris");
        }

        @Test
        void replacesEveryTag() {
            assertThat(render("{{name}}{{name}} and {{city}}")).isEqualTo("BobBob and Paris");
        }

        @Test
        void aTemplateWithoutTagsIsReturnedAsIs() {
            String template = "No tags { here } at all";

            assertThat(render(template)).isSameAs(template);
        }
    }

    @Nested
    class Fallbacks {
        @Test
        void fallbackServesAMissingValue() {
            assertThat(render("Hi {{nickname|there}}")).isEqualTo("Hi there");
        }

        @Test
        void valueWinsOverFallback() {
            assertThat(render("Hi {{name|there}}")).isEqualTo("Hi Bob");
        }

        @Test
        void missingValueWithoutFallbackIsEmpty() {
            assertThat(render("Hi {{nickname}}!")).isEqualTo("Hi !");
        }

        @Test
        void emptyFallbackIsEmpty() {
            assertThat(render("Hi {{nickname|}}!")).isEqualTo("Hi !");
        }

        @Test
        void emptyValueWinsOverFallback() {
            LayeredMergeValues values = LayeredMergeValues.of(List.of(Map.of("nickname", "")));

            assertThat(MergeEngine.render("Hi {{nickname|there}}!", values, Escaping.TEXT)).isEqualTo("Hi !");
        }

        @Test
        void fallbackMayHoldSpacesAndPunctuation() {
            assertThat(render("{{nickname|dear customer, hello}}")).isEqualTo("dear customer, hello");
        }
    }

    @Nested
    class InvalidTags {
        @ParameterizedTest
        @ValueSource(strings = {"{{ }}", "{{}}", "{{a b}}", "{{name}", "{name}}", "{{ name", "name }}",
            "{{na{me}}", "{{name|fall{back}}", "{{name|a\nb}}", "{{é}}", "{ {name} }"})
        void areLeftUnchanged(String template) {
            assertThat(render(template)).isEqualTo(template);
        }

        @Test
        void surroundingBracesStay() {
            assertThat(render("{{{name}}}")).isEqualTo("{Bob}");
        }

        @Test
        void validTagsNextToInvalidOnesAreReplaced() {
            assertThat(render("{{a b}} {{name}} {{")).isEqualTo("{{a b}} Bob {{");
        }
    }

    @Nested
    class HtmlEscaping {
        private final MergeValues markup = LayeredMergeValues.of(List.of(Map.of("v", "<b>Tom & \"Jerry\"</b> it's")));

        @Test
        void escapesValues() {
            assertThat(MergeEngine.render("<p>{{v}}</p>", markup, Escaping.HTML))
                .isEqualTo("<p>&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; it&#39;s</p>");
        }

        @Test
        void escapesFallbacks() {
            assertThat(MergeEngine.render("{{missing|<i>A & B</i>}}", markup, Escaping.HTML))
                .isEqualTo("&lt;i&gt;A &amp; B&lt;/i&gt;");
        }

        @Test
        void leavesTheTemplateMarkupAlone() {
            assertThat(MergeEngine.render("<a href=\"x?a=1&amp;b=2\">{{missing|go}}</a>", markup, Escaping.HTML))
                .isEqualTo("<a href=\"x?a=1&amp;b=2\">go</a>");
        }

        @Test
        void textEscapingKeepsValuesAsTheyAre() {
            assertThat(MergeEngine.render("{{v}}", markup, Escaping.TEXT)).isEqualTo("<b>Tom & \"Jerry\"</b> it's");
        }
    }

    @Nested
    class HeaderEscaping {
        @Test
        void turnsLineBreaksIntoSpaces() {
            MergeValues injection = LayeredMergeValues.of(List.of(Map.of("v", "hi\r\nBcc: victim@example.com\nX: y\r")));

            assertThat(MergeEngine.render("Subject {{v}}", injection, Escaping.HEADER))
                .isEqualTo("Subject hi  Bcc: victim@example.com X: y ")
                .doesNotContain("\r", "\n");
        }

        @Test
        void turnsOtherControlCharactersIntoSpaces() {
            MergeValues controls = LayeredMergeValues.of(List.of(Map.of("v", "a\u0000b\tc\u007fd\u001be")));

            assertThat(MergeEngine.render("{{v}}", controls, Escaping.HEADER)).isEqualTo("a b c d e");
        }

        @Test
        void keepsNonAsciiAndMarkup() {
            MergeValues text = LayeredMergeValues.of(List.of(Map.of("v", "Łódź <&>")));

            assertThat(MergeEngine.render("{{v}}", text, Escaping.HEADER)).isEqualTo("Łódź <&>");
        }

        @Test
        void escapesFallbacks() {
            assertThat(MergeEngine.render("{{missing|a\tb}}", VALUES, Escaping.HEADER)).isEqualTo("a b");
        }
    }
}
