package org.smtpplus.core.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriberCsvReaderTest {
    private static final String LIST = "customers";
    private static final Instant NOW = Instant.parse("2026-11-03T10:15:30.123Z");

    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<ImportLine> read(String csv) throws Exception {
        return read(utf8(csv));
    }

    private static List<ImportLine> read(InputStream csv) throws Exception {
        return SubscriberCsvReader.open(csv, LIST, NOW).lines().collect(Collectors.toList());
    }

    private static InvalidSubscriberException headerRefusal(String csv) {
        InvalidSubscriberException refusal = catchThrowableOfType(() -> SubscriberCsvReader.open(utf8(csv), LIST, NOW),
            InvalidSubscriberException.class);
        assertThat(refusal).as("refusal of %s", csv).isNotNull();
        return refusal;
    }

    private static ImportLine imported(long line, String address, Map<String, String> fields) {
        return imported(line, address, fields, Optional.empty());
    }

    private static ImportLine imported(long line, String address, Map<String, String> fields, Optional<SubscriberStatus> status) {
        return ImportLine.subscriber(line, new SubscriberUpdate(Optional.of(fields), status), Subscriber.builder(LIST, address)
            .status(status.orElse(SubscriberStatus.ACTIVE))
            .fields(fields)
            .firstSeen(NOW)
            .build());
    }

    @Nested
    class Lines {
        @Test
        void eachLineGivesASubscriberOfTheListFirstSeenNow() throws Exception {
            assertThat(read("email,name,city\njane@shop.example,Jane,Bern\nJoe@Shop.Example,Joe,Basel\n")).containsExactly(
                imported(2, "jane@shop.example", Map.of("name", "Jane", "city", "Bern")),
                imported(3, "joe@shop.example", Map.of("name", "Joe", "city", "Basel")));
        }

        @Test
        void onlyAnEmailColumn() throws Exception {
            assertThat(read("email\njane@shop.example")).containsExactly(imported(2, "jane@shop.example", Map.of()));
        }

        @Test
        void columnsMayComeInAnyOrderAndTheirNamesInAnyCase() throws Exception {
            assertThat(read("First_Name,Status,EMAIL\nJane,Unsubscribed,jane@shop.example\n")).containsExactly(
                imported(2, "jane@shop.example", Map.of("First_Name", "Jane"), Optional.of(SubscriberStatus.UNSUBSCRIBED)));
        }

        @ParameterizedTest
        @CsvSource({"active, ACTIVE", "unsubscribed, UNSUBSCRIBED", "bounced, BOUNCED", "complained, COMPLAINED", "' Bounced ', BOUNCED"})
        void theStatusColumnSetsTheStatus(String value, SubscriberStatus status) throws Exception {
            assertThat(read("email,status\njane@shop.example," + value + "\n"))
                .containsExactly(imported(2, "jane@shop.example", Map.of(), Optional.of(status)));
        }

        @Test
        void anEmptyStatusSetsNoneAndMakesNewSubscribersActive() throws Exception {
            List<ImportLine> lines = read("email,status\njane@shop.example, \n");

            assertThat(lines).containsExactly(imported(2, "jane@shop.example", Map.of()));
            assertThat(lines.get(0).update().orElseThrow().status()).isEmpty();
            assertThat(lines.get(0).subscriber().orElseThrow().status()).isEqualTo(SubscriberStatus.ACTIVE);
        }

        @Test
        void aLineGivesItsAddressAndWhatItSets() throws Exception {
            ImportLine line = read("email,name,city\nJane@Shop.example,Jane,\n").get(0);

            assertThat(line.address()).contains("jane@shop.example");
            assertThat(line.update()).contains(new SubscriberUpdate(Optional.of(Map.of("name", "Jane")), Optional.empty()));
            assertThat(line.problem()).isEmpty();
        }

        @Test
        void anEmptyCellSetsNoField() throws Exception {
            assertThat(read("email,name,city\njane@shop.example,,Bern\n"))
                .containsExactly(imported(2, "jane@shop.example", Map.of("city", "Bern")));
        }

        @Test
        void spacesAroundTheAddressAreDroppedAndKeptInFields() throws Exception {
            assertThat(read("email,name\n  jane@shop.example ,  Jane \n"))
                .containsExactly(imported(2, "jane@shop.example", Map.of("name", "  Jane ")));
        }

        @Test
        void quotedValuesWithCommasQuotesAndLineBreaks() throws Exception {
            assertThat(read("email,address,note\r\n"
                + "\"jane@shop.example\",\"1 Main St, Bern\",\"says \"\"hi\"\"\r\non two lines\"\r\n"
                + "joe@shop.example,x,y\r\n")).containsExactly(
                imported(2, "jane@shop.example", Map.of("address", "1 Main St, Bern", "note", "says \"hi\"\r\non two lines")),
                imported(4, "joe@shop.example", Map.of("address", "x", "note", "y")));
        }

        @Test
        void aByteOrderMarkAndCrlf() throws Exception {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            byte[] text = "email,name\r\njane@shop.example,Jané\r\n".getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[bom.length + text.length];
            System.arraycopy(bom, 0, body, 0, bom.length);
            System.arraycopy(text, 0, body, bom.length, text.length);

            assertThat(read(new ByteArrayInputStream(body))).containsExactly(imported(2, "jane@shop.example", Map.of("name", "Jané")));
        }

        @Test
        void blankLinesAreSkippedButCounted() throws Exception {
            assertThat(read("email,name\n\njane@shop.example,Jane\n\n\njoe@shop.example,Joe\n\n")).containsExactly(
                imported(3, "jane@shop.example", Map.of("name", "Jane")),
                imported(6, "joe@shop.example", Map.of("name", "Joe")));
        }

        @Test
        void aHeaderWithoutData() throws Exception {
            assertThat(read("email,name\r\n")).isEmpty();
        }

        @Test
        void valuesUpToAThousandCharacters() throws Exception {
            String value = "\u00e9".repeat(1000);

            assertThat(read("email,bio\njane@shop.example,\"" + value + "\"\n"))
                .containsExactly(imported(2, "jane@shop.example", Map.of("bio", value)));
        }

        @Test
        void aHundredThousandLinesAreReadAsTheyCome() throws Exception {
            int lines = 100_000;
            GeneratedCsv body = new GeneratedCsv("email,name,city\r\n", lines,
                i -> "user" + i + "@shop.example,\"Name, " + i + "\",City " + i + "\r\n");
            Iterator<ImportLine> imported = SubscriberCsvReader.open(body, LIST, NOW).lines().iterator();

            assertThat(imported.next()).isEqualTo(imported(2, "user0@shop.example", Map.of("name", "Name, 0", "city", "City 0")));
            assertThat(body.bytesRead()).as("bytes read for the first line").isLessThan(64 * 1024);

            long count = 1;
            ImportLine last = null;
            while (imported.hasNext()) {
                last = imported.next();
                assertThat(last.problem()).isEmpty();
                count++;
            }
            assertThat(count).isEqualTo(lines);
            assertThat(last).isEqualTo(imported(lines + 1, "user99999@shop.example",
                Map.of("name", "Name, 99999", "city", "City 99999")));
        }
    }

    @Nested
    class LineRefusals {
        private ImportLine refusedLine(String csv) throws Exception {
            List<ImportLine> lines = read(csv);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0).subscriber()).isEmpty();
            assertThat(lines.get(0).update()).isEmpty();
            assertThat(lines.get(0).address()).isEmpty();
            return lines.get(0);
        }

        @ParameterizedTest
        @ValueSource(strings = {"jane", "jane@", "jane doe@shop.example", "\"\""})
        void anInvalidAddress(String address) throws Exception {
            assertThat(refusedLine("name,email\nJane," + address + "\n").problem().orElseThrow())
                .startsWith("column \"email\": must be an email address like ops@shop.example, got \"");
        }

        @Test
        void aBadStatus() throws Exception {
            assertThat(refusedLine("email,Status\njane@shop.example,gone\n")).isEqualTo(ImportLine.refused(2,
                "column \"Status\": must be one of active, unsubscribed, bounced, complained, got \"gone\""));
        }

        @Test
        void aValueTooLong() throws Exception {
            assertThat(refusedLine("email,bio\njane@shop.example," + "b".repeat(1001) + "\n"))
                .isEqualTo(ImportLine.refused(2, "column \"bio\": must be at most 1000 characters, got 1001"));
        }

        @Test
        void theWrongNumberOfValues() throws Exception {
            assertThat(read("email,name\njane@shop.example\njoe@shop.example,Joe,extra\n")).containsExactly(
                ImportLine.refused(2, "has 1 values, the header has 2 columns"),
                ImportLine.refused(3, "has 3 values, the header has 2 columns"));
        }

        @Test
        void anUnterminatedQuote() throws Exception {
            assertThat(refusedLine("email,name\njane@shop.example,\"Jane\n")).isEqualTo(ImportLine.refused(2,
                "column \"name\": has a double quote that opens a value and none that closes it"));
        }

        @Test
        void aQuoteInsideAnUnquotedValue() throws Exception {
            assertThat(refusedLine("email,name\njane@shop.example,Jane \"J\" Doe\n").problem().orElseThrow())
                .startsWith("column \"name\": has a double quote but does not start with one");
        }

        @Test
        void aMalformedValueBeyondTheHeader() throws Exception {
            assertThat(refusedLine("email\njane@shop.example,x\"y\n").problem().orElseThrow()).startsWith("column 2: has a double quote");
        }

        @Test
        void bytesThatAreNotUtf8() throws Exception {
            byte[] latin1 = "email,name\njane@shop.example,Jan\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

            assertThat(read(new ByteArrayInputStream(latin1))).containsExactly(
                ImportLine.refused(2, "column \"name\": is not UTF-8 text: save the file as CSV UTF-8"));
        }

        @Test
        void badLinesNeverStopTheOthers() throws Exception {
            List<ImportLine> lines = read("email,name\n"
                + "jane@shop.example,Jane\n"
                + "not-an-address,X\n"
                + "joe@shop.example,\"Joe\n"
                + "ann@shop.example,Ann\n"
                + "bob@shop.example,Bob,extra\n"
                + "cid@shop.example,\"C\"x\n"
                + "dan@shop.example,Dan");

            assertThat(lines).extracting(ImportLine::number).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(lines).extracting(line -> line.subscriber().map(Subscriber::address).orElse("refused"))
                .containsExactly("jane@shop.example", "refused", "refused", "ann@shop.example", "refused", "refused",
                    "dan@shop.example");
            // the quote opened on line 4 closes on line 7, whose lines are then read on their own
            assertThat(lines.get(2).problem()).contains("column \"name\": has text after the double quote that closes it (on line 7)");
        }
    }

    @Nested
    class HeaderRefusals {
        @Test
        void anEmptyBody() {
            assertThat(headerRefusal("").getMessage()).isEqualTo("header: must be the first line, got an empty body");
            assertThat(headerRefusal("\uFEFF").getMessage()).isEqualTo("header: must be the first line, got an empty body");
        }

        @Test
        void aBlankFirstLine() {
            assertThat(headerRefusal("\r\nemail\r\n").getMessage()).isEqualTo("header: must be the first line, got an empty line");
        }

        @Test
        void noEmailColumn() {
            assertThat(headerRefusal("address,name\na@shop.example,A\n").getMessage())
                .isEqualTo("header: has no email column, got \"address,name\"");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "email,first name     | column 2 \"first name\" is not a valid field name: use 1 to 64 letters, digits, '_', '.' or '-'",
            "email,,city          | column 2 \"\" is not a valid field name: use 1 to 64 letters, digits, '_', '.' or '-'",
            "name,email,Name      | column 3 \"Name\" repeats column 1 \"name\": column names are case-insensitive, as merge tags are",
            "email,EMAIL          | column 2 \"EMAIL\" repeats column 1 \"email\": column names are case-insensitive, as merge tags are",
            "email,status,Status  | column 3 \"Status\" repeats column 2 \"status\": column names are case-insensitive, as merge tags are",
            "email,na\"me         | column 2 has a double quote but does not start with one: enclose the value in double quotes and double the double quotes inside"})
        void badColumnNames(String header, String problem) {
            InvalidSubscriberException refusal = headerRefusal(header + "\n");

            assertThat(refusal.field()).isEqualTo("header");
            assertThat(refusal.problem()).isEqualTo(problem);
        }

        @Test
        void atMostFiftyFieldColumns() throws Exception {
            String fifty = IntStream.range(0, 50).mapToObj(i -> "f" + i).collect(Collectors.joining(","));

            assertThat(read("email,status," + fifty + "\n")).isEmpty();
            assertThat(headerRefusal("email," + fifty + ",f50\n").getMessage()).isEqualTo("header: must have at most 50 fields, got 51");
        }

        @Test
        void anInvalidList() {
            InvalidSubscriberException refusal = catchThrowableOfType(() -> SubscriberCsvReader.open(utf8("email\n"), "a b", NOW),
                InvalidSubscriberException.class);

            assertThat(refusal.getMessage()).isEqualTo("list: must be 1 to 64 letters, digits, '_', '.' or '-', got \"a b\"");
        }
    }

    /**
     * A CSV body made line by line as it is read, counting the bytes read: nothing holds it whole.
     */
    private static final class GeneratedCsv extends InputStream {
        private final int lines;
        private final java.util.function.IntFunction<String> line;
        private byte[] current;
        private int position;
        private int next;
        private long bytesRead;

        GeneratedCsv(String header, int lines, java.util.function.IntFunction<String> line) {
            this.lines = lines;
            this.line = line;
            this.current = header.getBytes(StandardCharsets.UTF_8);
        }

        long bytesRead() {
            return bytesRead;
        }

        @Override
        public int read() throws IOException {
            if (position == current.length) {
                if (next == lines) {
                    return -1;
                }
                current = line.apply(next++).getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            bytesRead++;
            return current[position++] & 0xFF;
        }
    }
}
