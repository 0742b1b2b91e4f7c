package org.smtpplus.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reason classifier keeps the type the project's corpus expects of every bounce, but where issue 14 asks for a
 * change: X.2.1 is a suspended mailbox (soft, it may come back), and "mailbox unavailable" under the generic 5.5.0
 * is a missing mailbox.
 */
class ReasonClassifierCorpusTest {
    private static final ReasonClassifier CLASSIFIER = new ReasonClassifier(BouncePhrases.builtIn());
    private static final Map<String, BounceReason> CHANGED = Map.of(
        "gmail-account-disabled.eml", BounceReason.SUSPENDED,
        "outlook-mailbox-unavailable.eml", BounceReason.USER_UNKNOWN);

    static Stream<Arguments> failures() {
        return BounceCorpus.messageNames().stream()
            .flatMap(name -> {
                InboundReport report = BounceParser.parse(BounceCorpus.bytes(name));
                List<RecipientFailure> failures = report.kind() == InboundReport.Kind.BOUNCE
                    ? ((NonDeliveryReport) report).failures() : List.of();
                return failures.stream().map(failure -> Arguments.of(name, failure));
            });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("failures")
    void keepsTheCorpusType(String message, RecipientFailure failure) {
        ReasonClassifier.Classification classified = CLASSIFIER.classify(failure.status(), failure.diagnostic());

        if (CHANGED.containsKey(message)) {
            assertThat(classified.reason()).as(classified.toString()).isEqualTo(CHANGED.get(message));
        } else {
            assertThat(classified.type()).as(classified.toString()).isEqualTo(failure.type());
        }
    }
}
