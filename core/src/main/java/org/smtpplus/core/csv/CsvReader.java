package org.smtpplus.core.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads RFC 4180 CSV one record at a time, so that a text of any size needs little memory. Line breaks may be CRLF,
 * LF or CR; a leading byte order mark is dropped. A malformed record is refused on its own and reading goes on.
 * Leaves the reader open.
 *
 * <p>Written by hand rather than over Apache Commons CSV (1.14.1, which James 3.8.1 does not ship), because the two
 * things an import of a stranger's file needs are what Commons CSV lacks. It holds a quoted value whole, however long:
 * a file whose stray double quote opens a value that never closes, 100 million characters long, had it hold 173 MB
 * before it failed, where this reader stops at {@code maxRecordChars}. And it cannot go on after a malformed record:
 * its first error ends the file, where an import here reports that line and imports the lines after it. A layer over
 * it would have to bound and split the physical lines before Commons CSV saw them, which is most of this reader.
 */
public final class CsvReader {
    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final PhysicalLines lines;
    private final int maxRecordChars;

    /**
     * @param maxRecordChars the longest record read, line breaks included: memory stays bounded whatever the text
     */
    public CsvReader(Reader reader, int maxRecordChars) {
        this.lines = new PhysicalLines(reader, maxRecordChars);
        this.maxRecordChars = maxRecordChars;
    }

    /**
     * @return the next record, empty at the end of the text
     * @throws MalformedCsvException for a malformed record; the next call reads the record after it. When the record
     *                              spans lines, that is the record of its second line: a stray double quote must
     *                              not swallow the lines after it
     */
    public Optional<CsvRecord> next() throws IOException, MalformedCsvException {
        Optional<PhysicalLines.Line> first = lines.next();
        if (first.isEmpty()) {
            return Optional.empty();
        }
        List<PhysicalLines.Line> consumed = new ArrayList<>(List.of(first.get()));
        RecordParser parser = new RecordParser();
        PhysicalLines.Line line = first.get();
        int chars = 0;
        while (true) {
            chars += line.text.length();
            if (line.tooLong || chars > maxRecordChars) {
                throw malformed(consumed, parser.openQuote(),
                    parser.openQuote().isPresent()
                        ? "has a double quote that opens a value and none that closes it within " + maxRecordChars + " characters"
                        : "is longer than " + maxRecordChars + " characters");
            }
            try {
                if (!parser.feed(line.text)) {
                    return Optional.of(new CsvRecord(first.get().number, parser.values()));
                }
            } catch (ParseProblem problem) {
                // a double quote opened lines before is the likely culprit, so the line met is worth telling
                String where = consumed.size() > 1 ? " (on line " + line.number + ")" : "";
                throw malformed(consumed, OptionalInt.of(problem.column), problem.getMessage() + where);
            }
            Optional<PhysicalLines.Line> following = lines.next();
            if (following.isEmpty()) {
                throw malformed(consumed, parser.openQuote(), "has a double quote that opens a value and none that closes it");
            }
            consumed.add(following.get());
            line = following.get();
        }
    }

    private MalformedCsvException malformed(List<PhysicalLines.Line> consumed, OptionalInt column, String problem) {
        lines.handBack(consumed.subList(1, consumed.size()));
        return new MalformedCsvException(consumed.get(0).number, column, problem);
    }

    private static final class ParseProblem extends Exception {
        private static final long serialVersionUID = 1L;

        private final int column;

        ParseProblem(int column, String problem) {
            super(problem, null, false, false);
            this.column = column;
        }
    }

    /**
     * The values of one record, fed line by line.
     */
    private static final class RecordParser {
        private final List<String> values = new ArrayList<>();
        private final StringBuilder value = new StringBuilder();
        private State state = State.FIELD_START;

        /**
         * @return whether the record goes on to the next line, inside a quoted value
         */
        boolean feed(String line) throws ParseProblem {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                switch (state) {
                    case FIELD_START:
                        if (c == '"') {
                            state = State.QUOTED;
                        } else {
                            state = State.UNQUOTED;
                            unquoted(c);
                        }
                        break;
                    case UNQUOTED:
                        unquoted(c);
                        break;
                    case QUOTED:
                        quoted(c);
                        break;
                    default:
                        afterQuoteInQuoted(c);
                }
                if (isLineBreak(c) && state == State.FIELD_START) {
                    return false;
                }
            }
            if (state == State.QUOTED) {
                return true;
            }
            // the last line of the text, without a line break (RFC 4180 section 2.2)
            endValue();
            return false;
        }

        private void unquoted(char c) throws ParseProblem {
            if (c == '"') {
                // RFC 4180 section 2.5
                throw new ParseProblem(values.size(), "has a double quote but does not start with one: "
                    + "enclose the value in double quotes and double the double quotes inside");
            }
            if (c == ',' || isLineBreak(c)) {
                endValue();
            } else {
                value.append(c);
            }
        }

        private void quoted(char c) {
            if (c == '"') {
                state = State.QUOTE_IN_QUOTED;
            } else {
                // RFC 4180 section 2.6: line breaks and commas are part of a quoted value
                value.append(c);
            }
        }

        private void afterQuoteInQuoted(char c) throws ParseProblem {
            if (c == '"') {
                // RFC 4180 section 2.7: a doubled double quote stands for one
                value.append(c);
                state = State.QUOTED;
            } else if (c == ',' || isLineBreak(c)) {
                endValue();
            } else {
                throw new ParseProblem(values.size(), "has text after the double quote that closes it");
            }
        }

        private static boolean isLineBreak(char c) {
            return c == '\r' || c == '\n';
        }

        OptionalInt openQuote() {
            return state == State.QUOTED ? OptionalInt.of(values.size()) : OptionalInt.empty();
        }

        List<String> values() {
            return values;
        }

        private void endValue() {
            values.add(value.toString());
            value.setLength(0);
            state = State.FIELD_START;
        }
    }
}
