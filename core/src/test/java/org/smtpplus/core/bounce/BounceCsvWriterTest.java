package org.smtpplus.core.bounce;

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

class BounceCsvWriterTest {
    private static final String HEADER = "recipient,type,reason,status,diagnostic,at,account,messageId\r\n";
    private static final Instant AT = Instant.parse("2026-11-03T10:15:30.123Z");

    private static String written(Stream<Bounce> bounces) throws Exception {
        StringWriter out = new StringWriter();
        new BounceCsvWriter(out).write(bounces);
        return out.toString();
    }

    @Test
    void noEntriesIsTheHeaderAlone() throws Exception {
        assertThat(written(Stream.empty())).isEqualTo(HEADER);
    }

    @Test
    void oneRowPerEntryOneWithoutStatusWithAnEmptyStatus() throws Exception {
        assertThat(written(Stream.of(
            new Bounce("jane@shop.example", BounceReason.USER_UNKNOWN, Optional.of("5.1.1"), "User unknown", AT, "shop", "<m1@shop.example>"),
            new Bounce("joe@shop.example", BounceReason.SPAM_DETECTED, Optional.empty(), "Spam", AT.plusSeconds(1), "news", "<m2@news.example>"))))
            .isEqualTo(HEADER
                + "jane@shop.example,hard,user_unknown,5.1.1,User unknown,2026-11-03T10:15:30.123Z,shop,<m1@shop.example>\r\n"
                + "joe@shop.example,block,spam_detected,,Spam,2026-11-03T10:15:31.123Z,news,<m2@news.example>\r\n");
    }

    @Test
    void valuesThatNeedQuotingAreQuoted() throws Exception {
        // remote servers write what they like in a diagnostic, line breaks of a multi-line reply included
        String diagnostic = "550-5.1.1 \"jane\", sorry\r\n550 5.1.1 no such user";
        String csv = written(Stream.of(
            new Bounce("jane@shop.example", BounceReason.USER_UNKNOWN, Optional.of("5.1.1"), diagnostic, AT, "shop", "<a,b@shop.example>")));

        CsvReader reader = new CsvReader(new StringReader(csv), 1_000);
        reader.next();
        assertThat(reader.next()).map(CsvRecord::values)
            .contains(List.of("jane@shop.example", "hard", "user_unknown", "5.1.1", diagnostic, "2026-11-03T10:15:30.123Z", "shop", "<a,b@shop.example>"));
    }

    @Test
    void aDiagnosticASpreadsheetWouldTakeForAFormulaIsWrittenAsText() throws Exception {
        String csv = written(Stream.of(
            new Bounce("jane@shop.example", BounceReason.MAILBOX_FULL, Optional.empty(), "=HYPERLINK(\"http://evil.example\")", AT, "shop", "<m@shop.example>")));

        assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\",");
    }

    @Test
    void theWriterIsFlushedAndLeftOpen() throws Exception {
        StringWriter out = new StringWriter();

        new BounceCsvWriter(out).write(Stream.empty());
        out.write("more");

        assertThat(out).hasToString(HEADER + "more");
    }
}
