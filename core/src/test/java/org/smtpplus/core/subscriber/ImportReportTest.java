package org.smtpplus.core.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImportReportTest {
    private final ImportReport report = new ImportReport();

    @Test
    void anEmptyImport() {
        assertThat(report.toJson()).isEqualTo("{\"imported\":0,\"refused\":0,\"errors\":[]}");
    }

    @Test
    void countsAndRefusedLines() {
        report.imported();
        report.refused(3, "column \"email\": must be an email address like ops@shop.example, got \"x\"");
        report.imported();

        assertThat(report.toJson()).isEqualTo("{\"imported\":2,\"refused\":1,\"errors\":[{\"line\":3,"
            + "\"message\":\"column \\\"email\\\": must be an email address like ops@shop.example, got \\\"x\\\"\"}]}");
    }

    @Test
    void listsTheFirstThousandRefusalsAndCountsThemAll() {
        for (int line = 2; line < 5_002; line++) {
            report.refused(line, "bad");
        }

        assertThat(report.toJsonNode().get("refused").asLong()).isEqualTo(5_000);
        assertThat(report.toJsonNode().get("errors")).hasSize(ImportReport.MAX_LISTED_ERRORS);
        assertThat(report.toJsonNode().get("errors").get(999).get("line").asLong()).isEqualTo(1_001);
    }
}
