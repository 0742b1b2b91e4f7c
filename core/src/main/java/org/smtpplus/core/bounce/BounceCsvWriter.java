package org.smtpplus.core.bounce;

import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.smtpplus.core.csv.CsvWriter;

/**
 * The CSV of {@code GET /smtpplus/bounces?format=csv} (docs/api.md): a header row
 * {@code recipient,type,reason,status,diagnostic,at,account,messageId}, then one row per entry, written as the entries come
 * so that a list of any size needs little memory.
 */
public final class BounceCsvWriter {
    private static final List<String> HEADER = List.of("recipient", "type", "reason", "status", "diagnostic", "at", "account", "messageId");

    private final Writer out;

    /**
     * @param out left open: it is the caller's
     */
    public BounceCsvWriter(Writer out) {
        this.out = out;
    }

    /**
     * A bounce without an enhanced status code has an empty status, {@code at} is in ISO-8601 UTC. Flushes the
     * writer.
     */
    public void write(Stream<Bounce> bounces) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.write(HEADER);
        Iterator<Bounce> entries = bounces.iterator();
        while (entries.hasNext()) {
            Bounce entry = entries.next();
            csv.write(List.of(entry.recipient(), entry.type().asJson(), entry.reason().asJson(), entry.status().orElse(""), entry.diagnostic(),
                entry.at().toString(), entry.account(), entry.messageId()));
        }
        out.flush();
    }
}
