package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CqlTextTest {
    @Test
    void ordersByCodePointLikeUtf8Bytes() {
        // U+FF41 (fullwidth a) is one UTF-16 unit above a surrogate pair's first unit, but U+1F600 is the larger code point
        List<String> addresses = new ArrayList<>(List.of("\uD83D\uDE00@example.com", "\uFF41@example.com", "a@example.com", "a"));

        addresses.sort(CqlText::compare);

        assertThat(addresses).containsExactly("a", "a@example.com", "\uFF41@example.com", "\uD83D\uDE00@example.com");
    }
}
