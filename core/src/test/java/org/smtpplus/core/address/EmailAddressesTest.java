package org.smtpplus.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smtpplus.core.json.JsonDescriptions;

class EmailAddressesTest {
    @ParameterizedTest
    @ValueSource(strings = {"jane@shop.example", "Jane.Doe+news@Mail-1.Shop.Example", "x@localhost", "o'hara@shop.example",
        "{tag}=1@shop.example"})
    void validAddresses(String address) {
        assertThat(EmailAddresses.isValid(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "jane", "jane@", "@shop.example", "jane doe@shop.example", "jane@shop_example", "a@b@shop.example",
        ".jane@shop.example", "jane.@shop.example", "ja..ne@shop.example", "jane@-shop.example", "jane@shop..example",
        "j\u00f6rg@shop.example", "jane@shop.example "})
    void invalidAddresses(String address) {
        assertThat(EmailAddresses.isValid(address)).isFalse();
    }

    @Test
    void limitsAreInclusive() {
        String localPart = "l".repeat(64);
        String domain = "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(61);

        assertThat(domain).hasSize(253);
        assertThat(EmailAddresses.isValid(localPart + "@" + domain)).isTrue();
        assertThat(EmailAddresses.isValid(localPart + "l@shop.example")).isFalse();
        assertThat(EmailAddresses.isValid("jane@" + domain + "d")).isFalse();
        assertThat(EmailAddresses.isDomain("d".repeat(64) + ".example")).isFalse();
    }

    @Test
    void normaliseLowerCasesWithoutLocale() {
        assertThat(EmailAddresses.normalise("TITLE.Case@Shop.EXAMPLE")).isEqualTo("title.case@shop.example");
    }

    @Test
    void refusalQuotesTheValue() {
        assertThat(EmailAddresses.refusal("a\"b", JsonDescriptions.UNICODE))
            .isEqualTo("must be an email address like ops@shop.example, got \"a\\\"b\"");
    }
}
