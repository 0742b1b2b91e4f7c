package org.smtpplus.core.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smtpplus.core.json.JsonDescriptions;

class ListNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"default", "customers", "News_Letter-2026.11", "a"})
    void validNames(String name) {
        assertThat(ListNames.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "news letter", "news/letter", "caf\u00e9", "a:b", "a\nb"})
    void invalidNames(String name) {
        assertThat(ListNames.isValid(name)).isFalse();
    }

    @Test
    void atMost64Characters() {
        assertThat(ListNames.isValid("l".repeat(64))).isTrue();
        assertThat(ListNames.isValid("l".repeat(65))).isFalse();
    }

    @Test
    void refusalQuotesTheName() {
        assertThat(ListNames.refusal("a\nb", JsonDescriptions.PRINTABLE_ASCII))
            .isEqualTo("must be 1 to 64 letters, digits, '_', '.' or '-', got \"a\\u000ab\"");
    }
}
