package org.smtpplus.core.bounce.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.bounce.TestCsv;

import org.junit.jupiter.api.Test;

/**
 * The files of src/test/resources/bounce-corpus-mta and bounce-diagnostics.csv are well formed: every line has its
 * columns, a source and a reference, a diagnostic a reason of the vocabulary (docs/api.md), and the corpus is as
 * large and varied as issue 14 asks. BounceCorpusTest checks that every message is listed, with a reason and the
 * type it implies, and what the parser makes of it; BounceDiagnosticsTableTest what the classifier makes of every
 * diagnostic.
 */
class MtaBounceCorpusFilesTest {
    private static final Set<String> KINDS = Set.of("BOUNCE", "DELAYED", "DELIVERED", "AUTO_REPLY");
    private static final String STATUS = "|[245]\\.[0-9]{1,3}\\.[0-9]{1,3}";

    @Test
    void everyExpectationIsWellFormed() {
        for (TestCsv.Row row : BounceCorpus.MTA.expectationRows()) {
            assertThat(row.values().keySet()).as("%s", row)
                .containsExactly("file", "kind", "recipient", "status", "reason", "type", "source", "reference");
            String kind = row.get("kind");
            assertThat(KINDS).as("kind of %s", row).contains(kind);
            if (!kind.equals("BOUNCE")) {
                assertThat(row.get("status")).as("%s is no bounce", row).isEmpty();
            }
            assertThat(row.get("status")).as("status of %s", row).matches(STATUS);
            assertThat(row.get("source")).as("source of %s", row).isNotBlank();
            assertThat(row.get("reference")).as("reference of %s", row).isNotBlank();
        }
    }

    @Test
    void theCorpusIsLargeAndVaried() {
        List<TestCsv.Row> rows = BounceCorpus.MTA.expectationRows();

        assertThat(BounceCorpus.MTA.messageNames()).hasSizeGreaterThanOrEqualTo(150);
        assertThat(rows.stream().map(row -> row.get("source")).distinct()).hasSizeGreaterThanOrEqualTo(25);
        assertThat(rows.stream().map(row -> row.get("reason"))).containsAll(vocabulary());
        assertThat(rows.stream().map(row -> row.get("kind"))).containsAll(KINDS);
    }

    @Test
    void theDiagnosticsTableCoversEveryReason() {
        List<TestCsv.Row> rows = TestCsv.rows("/bounce-diagnostics.csv");

        assertThat(rows).hasSizeGreaterThanOrEqualTo(300);
        for (TestCsv.Row row : rows) {
            assertThat(row.get("status")).as("status of %s", row).matches(STATUS);
            assertThat(vocabulary()).as("reason of %s", row).contains(row.get("reason"));
            assertThat(row.get("source")).as("source of %s", row).isNotBlank();
        }
        assertThat(rows.stream().map(row -> row.get("reason"))).containsAll(vocabulary());
        assertThat(rows.stream().map(row -> row.get("diagnostic")).distinct()).hasSameSizeAs(rows);
    }

    private static List<String> vocabulary() {
        return Arrays.stream(BounceReason.values()).map(BounceReason::asJson).collect(Collectors.toList());
    }
}
