package org.smtpplus.core.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.csv.CsvReader;
import org.smtpplus.core.csv.CsvRecord;

class SuppressionCsvWriterTest {
    private static final Instant AT = Instant.parse("2026-11-03T10:15:30.123Z");

    private static String written(Stream<Suppression> suppressions) throws Exception {
        StringWriter out = new StringWriter();
        new SuppressionCsvWriter(out).write(suppressions);
        return out.toString();
    }

    @Test
    void noEntriesIsTheHeaderAlone() throws Exception {
        assertThat(written(Stream.empty())).isEqualTo("address,list,reason,at\r\n");
    }

    @Test
    void oneRowPerEntryAGlobalOneWithAnEmptyList() throws Exception {
        assertThat(written(Stream.of(
            new Suppression("jane@shop.example", Optional.empty(), SuppressionReason.HARD_BOUNCE, AT),
            new Suppression("joe@shop.example", Optional.of("customers"), SuppressionReason.UNSUBSCRIBE, AT.plusSeconds(1)))))
            .isEqualTo("address,list,reason,at\r\n"
                + "jane@shop.example,,hard_bounce,2026-11-03T10:15:30.123Z\r\n"
                + "joe@shop.example,customers,unsubscribe,2026-11-03T10:15:31.123Z\r\n");
    }

    @Test
    void addressesThatNeedQuotingAreQuoted() throws Exception {
        // a quoted local part (RFC 5321 section 4.1.2) may hold commas and quotes; bounces can name such recipients
        String address = "\"doe, \\\"j\\\"\"@shop.example";
        String csv = written(Stream.of(new Suppression(address, Optional.empty(), SuppressionReason.SOFT_BOUNCE, AT)));

        CsvReader reader = new CsvReader(new StringReader(csv), 1_000);
        reader.next();
        assertThat(reader.next()).map(CsvRecord::values)
            .contains(List.of(address, "", "soft_bounce", "2026-11-03T10:15:30.123Z"));
    }

    @Test
    void theWriterIsFlushedAndLeftOpen() throws Exception {
        StringWriter out = new StringWriter();

        new SuppressionCsvWriter(out).write(Stream.empty());
        out.write("more");

        assertThat(out).hasToString("address,list,reason,at\r\nmore");
    }
}
