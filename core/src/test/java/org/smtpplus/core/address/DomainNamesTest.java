package org.smtpplus.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smtpplus.core.linear.Adversarial;
import org.smtpplus.core.linear.LinearTime;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DomainNamesTest {
    private static final String ALPHABET = "aZ9-._\u0130\u212A";
    private static final List<String> FRAGMENTS = List.of(".", "..", "-", "a.", "a-", "-a", "example", "xn--", "\u212A");
    // Hostile sizes below the 253-character limit, where the scan does its work
    private static final int[] NAME_SIZES = {60, 120, 240};

    @Test
    void aNameIsLowerCased() {
        assertThat(DomainNames.normalise("Shop.EXAMPLE")).contains("shop.example");
        assertThat(DomainNames.normalise("news.shop.example")).contains("news.shop.example");
        assertThat(DomainNames.normalise("xn--bcher-kva.example")).contains("xn--bcher-kva.example");
        assertThat(DomainNames.normalise("a-b.3com.example")).contains("a-b.3com.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example", ".example", "shop.example.", "shop..example", "-shop.example", "shop-.example",
        "shop.-example", "shop_1.example", "shop example.example", " shop.example", "shop.example ", "shop.example\r\n",
        "bücher.example", "shop@example.com", "[192.0.2.1]", "shop.example/x",
        // U+212A KELVIN SIGN and U+0130 lower-case to ASCII: they are no letters of a host name for all that
        "\u212Aa.example", "\u0130.example", "shop.exa\u0130mple"})
    void whatIsNoHostNameIsEmpty(String value) {
        assertThat(DomainNames.normalise(value)).isEmpty();
    }

    @Test
    void nullIsNoName() {
        assertThat(DomainNames.normalise(null)).isEmpty();
        assertThat(DomainNames.isLabel(null)).isFalse();
    }

    @Test
    void labelsAreAtMost63AndNamesAtMost253Characters() {
        String label63 = "a".repeat(63);
        assertThat(DomainNames.normalise(label63 + ".example")).contains(label63 + ".example");
        assertThat(DomainNames.normalise(label63 + "a.example")).isEmpty();

        String name253 = String.join(".", label63, label63, label63, "a".repeat(61));
        assertThat(name253).hasSize(253);
        assertThat(DomainNames.normalise(name253)).contains(name253);
        assertThat(DomainNames.normalise(name253 + "a")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s2026", "S2026", "s", "dkim-1", "202612"})
    void selectorsAreLabels(String selector) {
        assertThat(DomainNames.isLabel(selector)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-s", "s-", "s.2026", "s_2026", "s 2026", "s2026\n", "\u0130", "s\u212A", "sélecteur"})
    void whatIsNoLabelIsRefused(String selector) {
        assertThat(DomainNames.isLabel(selector)).isFalse();
    }

    @Test
    void aLabelIsAtMost63Characters() {
        assertThat(DomainNames.isLabel("a".repeat(63))).isTrue();
        assertThat(DomainNames.isLabel("a".repeat(64))).isFalse();
    }

    @Test
    void aNameIsWithinItselfAndItsParentsOnlyOnLabelBoundaries() {
        assertThat(DomainNames.isWithin("shop.example", "shop.example")).isTrue();
        assertThat(DomainNames.isWithin("bounces.shop.example", "shop.example")).isTrue();
        assertThat(DomainNames.isWithin("a.b.shop.example", "shop.example")).isTrue();
        assertThat(DomainNames.isWithin("myshop.example", "shop.example")).isFalse();
        assertThat(DomainNames.isWithin("example", "shop.example")).isFalse();
        assertThat(DomainNames.isWithin("shop.example.net", "shop.example")).isFalse();
    }

    @Test
    void theParentDropsTheFirstLabel() {
        assertThat(DomainNames.parent("news.shop.example")).contains("shop.example");
        assertThat(DomainNames.parent("shop.example")).contains("example");
        assertThat(DomainNames.parent("example")).isEmpty();
    }

    @Property(tries = 40)
    void aHostileLongValueIsReadInLinearTime(@ForAll("adversarial") Adversarial input) {
        LinearTime.assertLinear(input, LinearTime.charactersRead(DomainNames::normalise));
        LinearTime.assertLinear(input, LinearTime.charactersRead(DomainNames::isLabel));
    }

    @Property(tries = 40)
    void aHostileNameUnderTheLimitIsReadInLinearTime(@ForAll("adversarial") Adversarial input) {
        LinearTime.assertLinear(input.toString(), NAME_SIZES, input::ofLength, LinearTime.charactersRead(DomainNames::normalise));
    }

    @Provide
    Arbitrary<Adversarial> adversarial() {
        // many short labels, one long run without a dot, hyphens where a label ends
        return Arbitraries.oneOf(Adversarial.inputs(ALPHABET, FRAGMENTS),
            Arbitraries.of(Adversarial.of("", "a.", "example"), Adversarial.of("a", "a", ".example"), Adversarial.of("a.", "-", "")));
    }
}
