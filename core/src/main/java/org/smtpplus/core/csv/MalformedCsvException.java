package org.smtpplus.core.csv;

import java.util.OptionalInt;

/**
 * A record that is not RFC 4180 CSV. The problem reads after the value at fault ({@code has text after its closing
 * double quote}), or after the line when no single value is.
 */
public final class MalformedCsvException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long line;
    private final OptionalInt column;
    private final String problem;

    /**
     * @param column the index of the value at fault, from 0
     */
    public MalformedCsvException(long line, OptionalInt column, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /**
     * The physical line the record starts on, from 1.
     */
    public long line() {
        return line;
    }

    /**
     * The index of the value at fault, from 0; empty when the line as a whole is.
     */
    public OptionalInt column() {
        return column;
    }

    public String problem() {
        return problem;
    }
}
