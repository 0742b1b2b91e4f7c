package org.smtpplus.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpplus.core.bounce.BounceCorpus.bytes;
import static org.smtpplus.core.bounce.BounceCorpus.rows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BounceCorpusTest {

    static Stream<Arguments> expectations() {
        return BounceCorpus.expectations().entrySet().stream()
            .map(expectation -> Arguments.of(expectation.getKey(), expectation.getValue()));
    }

    static Stream<String> messages() {
        return BounceCorpus.messageNames().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void readsAsExpected(String message, List<String> expected) {
        assertThat(rows(BounceParser.parse(bytes(message)))).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void readsTheSameWithCrlfAsWithLf(String message) {
        byte[] original = bytes(message);
        byte[] lf = new String(original, StandardCharsets.ISO_8859_1).replace("\r\n", "\n")
            .getBytes(StandardCharsets.ISO_8859_1);
        byte[] crlf = new String(lf, StandardCharsets.ISO_8859_1).replace("\n", "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(BounceParser.parse(crlf)).isEqualTo(BounceParser.parse(lf));
    }

    @Test
    void everyMessageHasAnExpectation() {
        assertThat(BounceCorpus.expectations().keySet()).containsExactlyInAnyOrderElementsOf(BounceCorpus.messageNames());
    }

    @Test
    void theCorpusCoversEveryKind() {
        assertThat(BounceCorpus.expectations().values().stream()
                .flatMap(List::stream)
                .map(row -> row.substring(0, row.indexOf(','))))
            .contains("BOUNCE", "DELAYED", "DELIVERED", "AUTO_REPLY", "COMPLAINT", "UNRECOGNISED");
    }
}
