package org.smtpplus.core.bounce.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.bounce.TestCsv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message of both corpora is read as its expected.csv says: kind, and for a bounce the recipient, status,
 * reason and type of every failure, in order (issue 14: "the corpus test asserting reason and type of every
 * message").
 */
class BounceCorpusTest {

    static Stream<Arguments> expectations() {
        return Arrays.stream(BounceCorpus.values())
            .flatMap(corpus -> corpus.expectations().entrySet().stream()
                .map(expectation -> Arguments.of(corpus, expectation.getKey(), expectation.getValue())));
    }

    static Stream<Arguments> messages() {
        return Arrays.stream(BounceCorpus.values())
            .flatMap(corpus -> corpus.messageNames().stream().map(name -> Arguments.of(corpus, name)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("expectations")
    void readsAsExpected(BounceCorpus corpus, String message, List<String> expected) {
        assertThat(BounceCorpus.rows(BounceParser.parse(corpus.bytes(message))))
            .as("%s", BounceCorpus.COMPARED)
            .containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("messages")
    void readsTheSameWithCrlfAsWithLf(BounceCorpus corpus, String message) {
        byte[] original = corpus.bytes(message);
        byte[] lf = new String(original, StandardCharsets.ISO_8859_1).replace("\r\n", "\n")
            .getBytes(StandardCharsets.ISO_8859_1);
        byte[] crlf = new String(lf, StandardCharsets.ISO_8859_1).replace("\n", "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(BounceParser.parse(crlf)).isEqualTo(BounceParser.parse(lf));
    }

    @ParameterizedTest
    @EnumSource(BounceCorpus.class)
    void everyMessageHasAnExpectation(BounceCorpus corpus) {
        assertThat(corpus.expectations().keySet()).containsExactlyInAnyOrderElementsOf(corpus.messageNames());
    }

    @ParameterizedTest
    @EnumSource(BounceCorpus.class)
    void everyBounceHasAReasonOfTheVocabularyAndTheTypeItImplies(BounceCorpus corpus) {
        for (TestCsv.Row row : corpus.expectationRows()) {
            if (row.get("kind").equals("BOUNCE")) {
                BounceReason reason = BounceReason.fromJson(row.get("reason")).orElseThrow(
                    () -> new AssertionError("no reason of the vocabulary in " + row));
                assertThat(row.get("type")).as("%s", row).isEqualTo(reason.type().asJson());
            } else {
                assertThat(row.get("reason")).as("%s is no bounce", row).isEmpty();
            }
        }
    }

    @Test
    void theCorporaCoverEveryKindAndEveryReason() {
        List<TestCsv.Row> rows = Arrays.stream(BounceCorpus.values())
            .flatMap(corpus -> corpus.expectationRows().stream())
            .collect(Collectors.toList());

        assertThat(rows.stream().map(row -> row.get("kind")))
            .contains("BOUNCE", "DELAYED", "DELIVERED", "AUTO_REPLY", "COMPLAINT", "UNRECOGNISED");
        assertThat(rows.stream().map(row -> row.get("reason")))
            .containsAll(Arrays.stream(BounceReason.values()).map(BounceReason::asJson)
                .collect(Collectors.toList()));
    }
}
