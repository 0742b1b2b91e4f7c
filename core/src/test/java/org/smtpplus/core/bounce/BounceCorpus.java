package org.smtpplus.core.bounce;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The messages of src/test/resources/bounce-corpus and what they are expected to be read as. */
final class BounceCorpus {
    private static final String DIRECTORY = "/bounce-corpus/";
    private static final String EXPECTATIONS = "expected.csv";

    static byte[] bytes(String name) {
        try (InputStream in = BounceCorpus.class.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No corpus message " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> messageNames() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(file -> file.getFileName().toString())
                .filter(name -> name.endsWith(".eml"))
                .sorted()
                .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The lines of expected.csv by file, without the file column: {@code kind,recipient,status,type}. Lines starting
     * with # are comments.
     */
    static Map<String, List<String>> expectations() {
        List<String> lines = new String(bytes(EXPECTATIONS), StandardCharsets.UTF_8).lines()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .skip(1)
            .collect(Collectors.toList());
        return lines.stream().collect(Collectors.groupingBy(
            line -> line.substring(0, line.indexOf(',')),
            LinkedHashMap::new,
            Collectors.mapping(line -> line.substring(line.indexOf(',') + 1), Collectors.toList())));
    }

    /** A parse result in the shape of the lines of expected.csv. */
    static List<String> rows(InboundReport report) {
        switch (report.kind()) {
            case BOUNCE:
                return ((NonDeliveryReport) report).failures().stream()
                    .map(failure -> row(report, failure.finalRecipient().orElse(""), failure.status().orElse(""),
                        failure.type().asJson()))
                    .collect(Collectors.toList());
            case DELAYED:
            case DELIVERED:
                List<String> recipients = ((DeliveryNotice) report).recipients();
                return recipients.isEmpty()
                    ? List.of(row(report, "", "", ""))
                    : recipients.stream().map(recipient -> row(report, recipient, "", "")).collect(Collectors.toList());
            case COMPLAINT:
                Complaint complaint = (Complaint) report;
                return List.of(row(report, complaint.originalRecipient().orElse(""), "", complaint.feedbackType()));
            default:
                return List.of(row(report, "", "", ""));
        }
    }

    private static String row(InboundReport report, String recipient, String status, String type) {
        return String.join(",", report.kind().name(), recipient, status, type);
    }

    private static Path directory() {
        try {
            return Paths.get(BounceCorpus.class.getResource(DIRECTORY).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private BounceCorpus() {
    }
}
