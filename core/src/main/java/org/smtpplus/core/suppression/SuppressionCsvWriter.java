package org.smtpplus.core.suppression;

import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.smtpplus.core.csv.CsvWriter;

/**
 * The CSV of {@code GET /smtpplus/suppressions?format=csv} (docs/api.md#suppressions): a header row
 * {@code address,list,reason,at}, then one row per entry, written as the entries come so that an export of any size
 * needs little memory.
 */
public final class SuppressionCsvWriter {
    private static final List<String> HEADER = List.of("address", "list", "reason", "at");

    private final Writer out;

    /**
     * @param out left open: it is the caller's
     */
    public SuppressionCsvWriter(Writer out) {
        this.out = out;
    }

    /**
     * A global entry has an empty list, {@code at} is in ISO-8601. Flushes the writer.
     */
    public void write(Stream<Suppression> suppressions) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.write(HEADER);
        Iterator<Suppression> entries = suppressions.iterator();
        while (entries.hasNext()) {
            Suppression entry = entries.next();
            csv.write(List.of(entry.address(), entry.list().orElse(""), entry.reason().asJson(), entry.at().toString()));
        }
        out.flush();
    }
}
