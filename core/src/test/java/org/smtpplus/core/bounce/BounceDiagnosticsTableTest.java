package org.smtpplus.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14's table test: every diagnostic of src/test/resources/bounce-diagnostics.csv (the receiver's reply or the
 * reporting MTA's sentence, with the status the bounce carries) is classified to the reason the table gives, and
 * its type is the one that reason implies.
 */
class BounceDiagnosticsTableTest {
    private static final String TABLE = "/bounce-diagnostics.csv";

    static Stream<TestCsv.Row> rows() {
        return TestCsv.rows(TABLE).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void classifiesTheDiagnostic(TestCsv.Row row) {
        Optional<String> status = Optional.of(row.get("status")).filter(code -> !code.isEmpty());
        BounceReason expected = BounceReason.fromJson(row.get("reason")).orElseThrow();

        ReasonClassifier.Classification classified =
            ReasonClassifier.builtIn().classify(status, row.get("diagnostic"));

        assertThat(classified.reason()).as("%s", classified).isEqualTo(expected);
        assertThat(classified.type()).isEqualTo(expected.type());
    }

    @Test
    void theTableHasAtLeastThreeHundredDiagnostics() {
        List<TestCsv.Row> rows = TestCsv.rows(TABLE);

        assertThat(rows).hasSizeGreaterThanOrEqualTo(300);
    }
}
