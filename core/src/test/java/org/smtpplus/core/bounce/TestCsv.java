package org.smtpplus.core.bounce;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.smtpplus.core.csv.CsvReader;
import org.smtpplus.core.csv.CsvRecord;
import org.smtpplus.core.csv.MalformedCsvException;

/**
 * The expectation files of the bounce tests (bounce-corpus/expected.csv, bounce-corpus-mta/expected.csv,
 * bounce-diagnostics.csv): RFC 4180 CSV read by the project's {@link CsvReader}, a header line naming the columns,
 * and comment lines starting with {@code #}, which CSV does not know: they are blanked before reading, so that a
 * double quote in a comment is no malformed value and the line numbers stay those of the file.
 */
public final class TestCsv {
    private static final int MAX_RECORD_CHARS = 10_000;

    /** One line of a file: its values by column name, and its line number for a failure message. */
    public static final class Row {
        private final String resource;
        private final long line;
        private final Map<String, String> values;

        private Row(String resource, long line, Map<String, String> values) {
            this.resource = resource;
            this.line = line;
            this.values = values;
        }

        public String get(String column) {
            String value = values.get(column);
            if (value == null) {
                throw new IllegalArgumentException(resource + " line " + line + " has no column " + column);
            }
            return value;
        }

        public Map<String, String> values() {
            return values;
        }

        @Override
        public String toString() {
            return resource + ":" + line + " " + values.values();
        }
    }

    /** The rows after the header; fails on a malformed line or a line with another number of values. */
    public static List<Row> rows(String resource) {
        String text = read(resource).lines()
            .map(line -> line.startsWith("#") ? "" : line)
            .collect(Collectors.joining("\n", "", "\n"));
        CsvReader reader = new CsvReader(new StringReader(text), MAX_RECORD_CHARS);
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try {
            for (Optional<CsvRecord> next = reader.next(); next.isPresent(); next = reader.next()) {
                List<String> values = next.get().values();
                if (values.equals(List.of(""))) {
                    continue;
                }
                if (header == null) {
                    header = values;
                    continue;
                }
                if (values.size() != header.size()) {
                    throw new IllegalStateException(resource + " line " + next.get().line() + " has " + values.size()
                        + " values, the header " + header.size() + ": " + values);
                }
                Map<String, String> byColumn = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    byColumn.put(header.get(i), values.get(i));
                }
                rows.add(new Row(resource, next.get().line(), byColumn));
            }
        } catch (MalformedCsvException | IOException e) {
            throw new IllegalStateException(resource + ": " + e.getMessage(), e);
        }
        return rows;
    }

    static String read(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(String resource) {
        try (InputStream in = TestCsv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestCsv() {
    }
}
