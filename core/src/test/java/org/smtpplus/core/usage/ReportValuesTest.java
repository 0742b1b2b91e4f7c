package org.smtpplus.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportValuesTest {
    @ParameterizedTest
    @CsvSource({
        "0,             0 B",
        "850,           850 B",
        "1023,          1023 B",
        "1024,          1.0 kB",
        "12595,         12.3 kB",
        "1048575,       1.0 MB",
        "4718592,       4.5 MB",
        "1073741824,    1.0 GB",
        "-5,            0 B",
        "9223372036854775807, 8388608.0 TB"})
    void sizesReadInBinaryUnitsRoundedToATenth(long bytes, String readable) {
        assertThat(ReportValues.readableSize(bytes)).isEqualTo(readable);
    }

    @Test
    void theAverageSizeIsTheBytesOfAMessage() {
        assertThat(ReportValues.averageSize(new MonthlyUsage("shop", YearMonth.of(2026, 11), 4, 4 * 2048))).isEqualTo("2.0 kB");
        assertThat(ReportValues.averageSize(new MonthlyUsage("shop", YearMonth.of(2026, 11), 0, 0))).isEqualTo("none");
    }
}
