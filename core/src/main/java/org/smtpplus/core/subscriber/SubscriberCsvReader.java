package org.smtpplus.core.subscriber;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.smtpplus.core.csv.CsvReader;
import org.smtpplus.core.csv.CsvRecord;
import org.smtpplus.core.csv.MalformedCsvException;

/**
 * Reads the body of {@code POST /smtpplus/lists/{list}/subscribers/import} (docs/api.md#subscribers): CSV (RFC 4180) in
 * UTF-8, with an optional byte order mark and CRLF or LF line breaks, whose header row names an {@code email}
 * column, optionally a {@code status} column, and merge fields. Reads one line at a time, so that an import of any
 * size needs little memory, and refuses bad lines one by one: the others are read all the same. Blank lines are
 * skipped.
 */
public final class SubscriberCsvReader {
    // an address, a status and 50 fields of 1,000 characters, each quoted with doubled quotes inside, fit with room
    private static final int MAX_RECORD_CHARS = 256 * 1024;

    private final CsvReader csv;
    private final ImportColumns columns;
    private final String list;
    private final Instant now;

    private SubscriberCsvReader(CsvReader csv, ImportColumns columns, String list, Instant now) {
        this.csv = csv;
        this.columns = columns;
        this.list = list;
        this.now = now;
    }

    /**
     * Reads the header row. Leaves {@code body} open: it is the caller's.
     *
     * @param now the {@link Subscriber#firstSeen()} of the subscribers the lines make for addresses new to the list
     * @throws InvalidSubscriberException for an invalid list name, and for an empty body or a header row without
     *                                    an {@code email} column or with a bad or repeated column name (field
     *                                    {@code header}): nothing can be read then
     */
    public static SubscriberCsvReader open(InputStream body, String list, Instant now)
            throws IOException, InvalidSubscriberException {
        SubscriberValues.checkList(list);
        // bytes that are not UTF-8 become U+FFFD, which refuses their line
        CsvReader csv = new CsvReader(new InputStreamReader(body, StandardCharsets.UTF_8), MAX_RECORD_CHARS);
        return new SubscriberCsvReader(csv, ImportColumns.of(header(csv)), list, now);
    }

    private static List<String> header(CsvReader csv) throws IOException, InvalidSubscriberException {
        Optional<CsvRecord> header;
        try {
            header = csv.next();
        } catch (MalformedCsvException e) {
            String column = e.column().isPresent() ? "column " + (e.column().getAsInt() + 1) + " " : "";
            throw new InvalidSubscriberException(ImportColumns.HEADER, column + e.problem());
        }
        if (header.isEmpty()) {
            throw new InvalidSubscriberException(ImportColumns.HEADER, "must be the first line, got an empty body");
        }
        if (isBlank(header.get())) {
            throw new InvalidSubscriberException(ImportColumns.HEADER, "must be the first line, got an empty line");
        }
        return header.get().values();
    }

    /**
     * The data lines, read as the stream is consumed. Like {@link java.io.BufferedReader#lines()}, it throws an
     * {@link UncheckedIOException} when the body cannot be read.
     */
    public Stream<ImportLine> lines() {
        return StreamSupport.stream(new Spliterators.AbstractSpliterator<ImportLine>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super ImportLine> action) {
                Optional<ImportLine> line = next();
                line.ifPresent(action);
                return line.isPresent();
            }
        }, false);
    }

    private Optional<ImportLine> next() {
        try {
            Optional<CsvRecord> record = csv.next();
            while (record.isPresent() && isBlank(record.get())) {
                record = csv.next();
            }
            return record.map(data -> columns.read(data, list, now));
        } catch (MalformedCsvException e) {
            return Optional.of(columns.refused(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBlank(CsvRecord record) {
        return record.values().size() == 1 && record.values().get(0).isEmpty();
    }
}
