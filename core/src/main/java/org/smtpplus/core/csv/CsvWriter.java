package org.smtpplus.core.csv;

import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;

/**
 * Writes RFC 4180 CSV records as they come. Leaves the writer open.
 *
 * <p>Every export is meant to be opened in a spreadsheet, and every column may hold text a stranger chose (an
 * address's local part, a Message-ID, a remote server's diagnostic): a value a spreadsheet would take for a formula
 * (OWASP, CSV injection: a leading {@code = + - @}, tab or carriage return) is written as text, behind an apostrophe.
 */
public final class CsvWriter {
    // RFC 4180 section 2.1
    private static final String LINE_BREAK = "\r\n";
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final Writer out;

    public CsvWriter(Writer out) {
        this.out = out;
    }

    public void write(List<String> values) throws IOException {
        Iterator<String> each = values.iterator();
        while (each.hasNext()) {
            writeValue(each.next());
            if (each.hasNext()) {
                out.write(',');
            }
        }
        out.write(LINE_BREAK);
    }

    private void writeValue(String raw) throws IOException {
        String value = asText(raw);
        // RFC 4180 section 2.6: a value holding a comma, a double quote or a line break is enclosed in double quotes
        if (value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            out.write(value);
            return;
        }
        // RFC 4180 section 2.7: a double quote inside is doubled
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }

    private static String asText(String value) {
        return !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
