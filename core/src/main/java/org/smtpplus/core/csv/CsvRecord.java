package org.smtpplus.core.csv;

import java.util.List;
import java.util.Objects;

/**
 * One record of a CSV text: its values, and the line it starts on (a quoted value may span lines).
 */
public final class CsvRecord {
    private final long line;
    private final List<String> values;

    public CsvRecord(long line, List<String> values) {
        this.line = line;
        this.values = List.copyOf(values);
    }

    /**
     * The physical line the record starts on, from 1.
     */
    public long line() {
        return line;
    }

    public List<String> values() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof CsvRecord) {
            CsvRecord that = (CsvRecord) o;
            return line == that.line && values.equals(that.values);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(line, values);
    }

    @Override
    public String toString() {
        return "CsvRecord{line " + line + ": " + values + "}";
    }
}
