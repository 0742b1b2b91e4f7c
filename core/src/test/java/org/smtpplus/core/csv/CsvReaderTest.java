package org.smtpplus.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReaderTest {
    private static final int MAX_RECORD_CHARS = 100;

    /**
     * Every record, and each refusal as a record of one value, {@code !problem}.
     */
    private static List<CsvRecord> readAll(String text) throws IOException {
        CsvReader reader = new CsvReader(new StringReader(text), MAX_RECORD_CHARS);
        List<CsvRecord> records = new ArrayList<>();
        while (true) {
            try {
                Optional<CsvRecord> record = reader.next();
                if (record.isEmpty()) {
                    return records;
                }
                records.add(record.get());
            } catch (MalformedCsvException e) {
                records.add(new CsvRecord(e.line(), List.of("!" + e.problem())));
            }
        }
    }

    private static MalformedCsvException firstRefusal(String text) {
        return catchThrowableOfType(() -> new CsvReader(new StringReader(text), MAX_RECORD_CHARS).next(), MalformedCsvException.class);
    }

    private static CsvRecord record(long line, String... values) {
        return new CsvRecord(line, List.of(values));
    }

    @Test
    void anEmptyTextHasNoRecords() throws Exception {
        assertThat(readAll("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\n", "\r"})
    void everyLineBreak(String lineBreak) throws Exception {
        assertThat(readAll("a,b" + lineBreak + "c,d" + lineBreak))
            .containsExactly(record(1, "a", "b"), record(2, "c", "d"));
    }

    @Test
    void theLastLineBreakIsOptional() throws Exception {
        assertThat(readAll("a,b\r\nc,d")).containsExactly(record(1, "a", "b"), record(2, "c", "d"));
    }

    @Test
    void emptyValuesAndEmptyLines() throws Exception {
        assertThat(readAll(",a,\n\n,\n")).containsExactly(record(1, "", "a", ""), record(2, ""), record(3, "", ""));
    }

    @Test
    void spacesArePartOfAValue() throws Exception {
        assertThat(readAll(" a , b \n")).containsExactly(record(1, " a ", " b "));
    }

    @Test
    void quotedValuesHoldCommasDoubledQuotesAndLineBreaks() throws Exception {
        assertThat(readAll("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"\"\r\nnext,line\r\n"))
            .containsExactly(record(1, "a,b", "say \"hi\"", "two\r\nlines", ""), record(3, "next", "line"));
    }

    @Test
    void aRecordIsNumberedByTheLineItStartsOn() throws Exception {
        assertThat(readAll("a\n\"1\n2\n3\",b\nc\n")).containsExactly(record(1, "a"), record(2, "1\n2\n3", "b"), record(5, "c"));
    }

    @Test
    void aLeadingByteOrderMarkIsDropped() throws Exception {
        assertThat(readAll("\uFEFFemail\n\uFEFFx\n")).containsExactly(record(1, "email"), record(2, "\uFEFFx"));
    }

    @Test
    void aDoubleQuoteInsideAnUnquotedValue() {
        MalformedCsvException refusal = firstRefusal("a,b\"c\n");

        assertThat(refusal.line()).isEqualTo(1);
        assertThat(refusal.column()).isEqualTo(OptionalInt.of(1));
        assertThat(refusal.problem()).isEqualTo("has a double quote but does not start with one: "
            + "enclose the value in double quotes and double the double quotes inside");
        assertThat(refusal.getMessage()).startsWith("line 1: has a double quote");
    }

    @Test
    void textAfterAClosingQuote() {
        MalformedCsvException refusal = firstRefusal("\"a\"b,c\n");

        assertThat(refusal.column()).isEqualTo(OptionalInt.of(0));
        assertThat(refusal.problem()).isEqualTo("has text after the double quote that closes it");
    }

    @Test
    void aQuoteLeftOpenAtTheEnd() {
        MalformedCsvException refusal = firstRefusal("a,\"b\n");

        assertThat(refusal.column()).isEqualTo(OptionalInt.of(1));
        assertThat(refusal.problem()).isEqualTo("has a double quote that opens a value and none that closes it");
    }

    @Test
    void aMalformedLineLeavesTheNextOnes() throws Exception {
        assertThat(readAll("a,b\"c\nd,e\n\"f\"g\nh\n")).containsExactly(
            record(1, "!has a double quote but does not start with one: "
                + "enclose the value in double quotes and double the double quotes inside"),
            record(2, "d", "e"),
            record(3, "!has text after the double quote that closes it"),
            record(4, "h"));
    }

    @Test
    void aStrayQuoteDoesNotSwallowTheLinesAfterIt() throws Exception {
        assertThat(readAll("\"a,b\nc,d\ne,f\n")).containsExactly(
            record(1, "!has a double quote that opens a value and none that closes it"),
            record(2, "c", "d"),
            record(3, "e", "f"));
    }

    @Test
    void aStrayQuoteClosedByAnotherOnALaterLineLeavesTheLinesBetween() throws Exception {
        assertThat(readAll("\"a\nb\nc\"d,e\nf\n")).containsExactly(
            record(1, "!has text after the double quote that closes it (on line 3)"),
            record(2, "b"),
            record(3, "!has a double quote but does not start with one: "
                + "enclose the value in double quotes and double the double quotes inside"),
            record(4, "f"));
    }

    @Test
    void aLineLongerThanTheLimit() throws Exception {
        assertThat(readAll("a\n" + "x".repeat(MAX_RECORD_CHARS + 1) + "\nb\n")).containsExactly(
            record(1, "a"),
            record(2, "!is longer than 100 characters"),
            record(3, "b"));
        assertThat(firstRefusal("x".repeat(MAX_RECORD_CHARS + 1)).column()).isEmpty();
    }

    @Test
    void aRecordOfExactlyTheLimitIsRead() throws Exception {
        String value = "x".repeat(MAX_RECORD_CHARS - 2);

        assertThat(readAll(value + "\r\n")).containsExactly(record(1, value));
    }

    @Test
    void aQuotedValueRunningPastTheLimit() throws Exception {
        String lines = "y\n".repeat(MAX_RECORD_CHARS);

        assertThat(readAll("\"x\n" + lines)).hasSize(1 + MAX_RECORD_CHARS)
            .first().isEqualTo(record(1, "!has a double quote that opens a value and none that closes it within 100 characters"));
        assertThat(readAll("\"x\n" + lines).get(1)).isEqualTo(record(2, "y"));
    }
}
