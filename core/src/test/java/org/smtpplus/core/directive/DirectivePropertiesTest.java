package org.smtpplus.core.directive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.StringArbitrary;

class DirectivePropertiesTest {
    private static final Instant NOW = DirectiveParserTest.NOW;
    private static final String PRINTABLE_ASCII_LINE = "[\\x20-\\x7E]+";

    private final DirectiveParser parser = new DirectiveParser(Clock.fixed(NOW, ZoneOffset.UTC));

    @Property
    void everyValidDirectiveRoundTripsThroughItsJson(@ForAll("directives") Directive directive) throws Exception {
        assertThat(parser.parseJson(directive.toJson())).isEqualTo(directive);
    }

    @Property
    void anyHeaderValueIsEitherADirectiveOrARefusalFitForAnSmtpReply(@ForAll("headerValues") String rawValue) {
        try {
            assertThat(parser.parseHeader(rawValue)).isNotNull();
        } catch (InvalidDirectiveException e) {
            assertThat(e.getMessage()).matches(PRINTABLE_ASCII_LINE).hasSizeLessThan(450);
        }
    }

    @Provide
    Arbitrary<String> headerValues() {
        Arbitrary<String> fieldNames = Arbitraries.of("vars", "rcptVars", "sendAt", "batchId", "customId", "tags",
            "list", "header", "footer", "unsubscribe", "track", "x");
        Arbitrary<String> jsonish = Arbitraries.strings()
            .withChars("{}[]\":,.-+eE0123456789 \r\n\ttrufalsn=?QB_@\\u\u00e9")
            .ofMaxLength(80);
        Arbitrary<String> numbers = Combinators.combine(Arbitraries.longs(), Arbitraries.integers())
            .as((mantissa, exponent) -> mantissa + "e" + exponent);
        Arbitrary<String> fieldValues = Arbitraries.oneOf(jsonish, numbers, Arbitraries.strings().all().ofMaxLength(40)
            .map(text -> "\"" + text + "\""));
        Arbitrary<String> objects = Arbitraries.oneOf(
            Combinators.combine(fieldNames, fieldValues).as((name, value) -> "{\"" + name + "\":" + value + "}"),
            fieldValues.map(value -> "{\"vars\":{\"name\":" + value + "}}"));
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(200), jsonish, objects);
    }

    @Provide
    Arbitrary<Directive> directives() {
        Arbitrary<Map<String, String>> vars = Arbitraries.maps(varNames(), anyText()).ofMaxSize(5);
        Arbitrary<Map<String, Map<String, String>>> rcptVars = Arbitraries.maps(addresses(), vars).ofMaxSize(3);
        Arbitrary<Instant> sendAt = Arbitraries.longs()
            .between(-DirectiveParser.HORIZON.toNanos(), DirectiveParser.HORIZON.toNanos())
            .map(NOW::plusNanos);
        Arbitrary<String> batchId = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(128)
            .filter(text -> !text.isBlank());
        Arbitrary<String> customId = anyText().ofMinLength(1).ofMaxLength(128).filter(text -> !text.isBlank());
        Arbitrary<List<String>> tags = anyText().ofMinLength(1).ofMaxLength(128)
            .filter(text -> text.chars().noneMatch(Character::isISOControl))
            .list().ofMaxSize(10);
        Arbitrary<String> list = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars("_.-")
            .ofMinLength(1).ofMaxLength(64);
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        return Builders.withBuilder(Directive::builder)
            .use(vars).in(Directive.Builder::vars)
            .use(rcptVars).in(Directive.Builder::rcptVars)
            .use(tags).in(Directive.Builder::tags)
            .use(sendAt).withProbability(0.5).in(Directive.Builder::sendAt)
            .use(batchId).withProbability(0.5).in(Directive.Builder::batchId)
            .use(customId).withProbability(0.5).in(Directive.Builder::customId)
            .use(list).withProbability(0.5).in(Directive.Builder::list)
            .use(flag).withProbability(0.5).in(Directive.Builder::header)
            .use(flag).withProbability(0.5).in(Directive.Builder::footer)
            .use(flag).withProbability(0.5).in(Directive.Builder::unsubscribe)
            .use(flag).withProbability(0.5).in(Directive.Builder::trackOpens)
            .use(flag).withProbability(0.5).in(Directive.Builder::trackClicks)
            .build(Directive.Builder::build);
    }

    private static Arbitrary<String> varNames() {
        // unique up to case, as the parser requires
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars("_.-")
            .ofMinLength(1).ofMaxLength(20);
    }

    private static Arbitrary<String> addresses() {
        Arbitrary<String> part = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withChars(".+-")
            .ofMinLength(1).ofMaxLength(10);
        return Combinators.combine(part, part).as((local, domain) -> local + "@" + domain);
    }

    private static StringArbitrary anyText() {
        // any text of the basic multilingual plane, but no lone surrogate halves: they are not characters
        return Arbitraries.strings()
            .withCharRange(Character.MIN_VALUE, (char) (Character.MIN_SURROGATE - 1))
            .withCharRange((char) (Character.MAX_SURROGATE + 1), Character.MAX_VALUE);
    }
}
