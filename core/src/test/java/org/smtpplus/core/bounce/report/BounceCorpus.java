package org.smtpplus.core.bounce.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.smtpplus.core.bounce.TestCsv;

/**
 * The bounce corpora of src/test/resources and what each message is expected to be read as: their expected.csv has a
 * line per failed recipient (per recipient named, for a delivery notice) with at least the columns
 * {@code file,kind,recipient,status,reason,type}.
 */
enum BounceCorpus {
    /** The project's own messages, one per shape the parser met first. */
    OWN("/bounce-corpus/"),
    /** Messages in the shapes of real MTAs and providers (issue 14), see its README.md. */
    MTA("/bounce-corpus-mta/");

    /** The columns compared, in the order of {@link #rows}. */
    static final List<String> COMPARED = List.of("kind", "recipient", "status", "reason", "type");
    private static final String EXPECTATIONS = "expected.csv";

    private final String directory;

    BounceCorpus(String directory) {
        this.directory = directory;
    }

    byte[] bytes(String name) {
        return TestCsv.bytes(directory + name);
    }

    List<String> messageNames() {
        try (Stream<Path> files = Files.list(Paths.get(BounceCorpus.class.getResource(directory).toURI()))) {
            return files.map(file -> file.getFileName().toString())
                .filter(name -> name.endsWith(".eml"))
                .sorted()
                .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lines of expected.csv, every column by its name. */
    List<TestCsv.Row> expectationRows() {
        return TestCsv.rows(directory + EXPECTATIONS);
    }

    /** The compared columns of expected.csv by file, joined by commas, in the order of the file. */
    Map<String, List<String>> expectations() {
        return expectationRows().stream().collect(Collectors.groupingBy(
            row -> row.get("file"),
            LinkedHashMap::new,
            Collectors.mapping(row -> COMPARED.stream().map(row::get).collect(Collectors.joining(",")),
                Collectors.toList())));
    }

    /**
     * A parse result in the shape of the compared columns: a bounce has a line per failure; a delivery notice a line
     * per recipient; a complaint its Original-Rcpt-To and, in the type column, its Feedback-Type.
     */
    static List<String> rows(InboundReport report) {
        switch (report.kind()) {
            case BOUNCE:
                return ((NonDeliveryReport) report).failures().stream()
                    .map(failure -> row(report, failure.finalRecipient().orElse(""), failure.status().orElse(""),
                        failure.reason().asJson(), failure.type().asJson()))
                    .collect(Collectors.toList());
            case DELAYED:
            case DELIVERED:
                List<String> recipients = ((DeliveryNotice) report).recipients();
                return recipients.isEmpty()
                    ? List.of(row(report, "", "", "", ""))
                    : recipients.stream().map(recipient -> row(report, recipient, "", "", "")).collect(Collectors.toList());
            case COMPLAINT:
                Complaint complaint = (Complaint) report;
                return List.of(row(report, complaint.originalRecipient().orElse(""), "", "", complaint.feedbackType()));
            default:
                return List.of(row(report, "", "", "", ""));
        }
    }

    private static String row(InboundReport report, String recipient, String status, String reason, String type) {
        return String.join(",", report.kind().name(), recipient, status, reason, type);
    }
}
