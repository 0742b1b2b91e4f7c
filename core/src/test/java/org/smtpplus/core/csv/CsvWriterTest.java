package org.smtpplus.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;

class CsvWriterTest {
    private static String written(List<List<String>> records) {
        StringWriter out = new StringWriter();
        CsvWriter writer = new CsvWriter(out);
        records.forEach(values -> {
            try {
                writer.write(values);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return out.toString();
    }

    @Test
    void plainValuesAreWrittenAsTheyAreWithCrlf() {
        assertThat(written(List.of(List.of("address", "list"), List.of("jane@shop.example", ""))))
            .isEqualTo("address,list\r\njane@shop.example,\r\n");
    }

    @Test
    void valuesWithCommasQuotesOrLineBreaksAreQuoted() {
        assertThat(written(List.of(List.of("a,b", "say \"hi\"", "two\nlines", "cr\r", " spaced "))))
            .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\", spaced \r\n");
    }

    @Test
    void everyValueASpreadsheetWouldTakeForAFormulaIsWrittenAsText() {
        assertThat(written(List.of(List.of("=1+1@evil.example", "+cmd", "-2", "@SUM(A1)", "\tx", "a=b", "'quoted"))))
            .isEqualTo("'=1+1@evil.example,'+cmd,'-2,'@SUM(A1),'\tx,a=b,'quoted\r\n");
        assertThat(written(List.of(List.of("=HYPERLINK(\"http://evil.example\")"))))
            .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\")\"\r\n");
    }

    @Property
    void whatIsWrittenReadsBackBehindAnApostropheWhenAFormulaWouldStart(@ForAll @NotEmpty @Size(max = 5) List<@CharRange(from = ' ', to = '~') @Chars({',', '"', '\r', '\n', 'é'}) String> values)
            throws Exception {
        CsvReader reader = new CsvReader(new StringReader(written(List.of(values, List.of("end")))), 10_000);

        assertThat(reader.next()).map(CsvRecord::values).contains(values.stream()
            .map(value -> !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value)
            .collect(Collectors.toList()));
        assertThat(reader.next()).map(CsvRecord::values).contains(List.of("end"));
        assertThat(reader.next()).isEmpty();
    }
}
