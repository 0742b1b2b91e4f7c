package org.smtpplus.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.smtpplus.core.event.DeliveryEvent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The events OpenSearch has not acknowledged yet, durable across restarts: append-only JSON-lines files
 * ({@code events-NNNNNNNNNNNNNNNNNNNN.jsonl}, replayed in name order and deleted once every event in them was
 * acknowledged), and {@code failed.jsonl}, the events OpenSearch refused for good, for the operator.
 * Thread-safe: the indexer spills and replays, recording threads spill when the buffer is full.
 */
final class EventJournal implements AutoCloseable {
    static final String FAILED_FILE = "failed.jsonl";

    private static final Pattern JOURNAL_FILE = Pattern.compile("events-(\\d{20})\\.jsonl");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path directory;
    // events per journal file, current file included: what backlog().spilled() sums
    private final Map<Path, Long> lines = new HashMap<>();
    private long failed;
    private long nextSequence;
    private FileChannel current;
    private Path currentPath;

    private EventJournal(Path directory, Map<Path, Long> lines, long failed, long nextSequence) {
        this.directory = directory;
        this.lines.putAll(lines);
        this.failed = failed;
        this.nextSequence = nextSequence;
    }

    /**
     * Opens the journal in {@code directory} (created if needed), with the files a previous run left.
     */
    static EventJournal open(Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<Path, Long> lines = new HashMap<>();
        long nextSequence = 0;
        for (Path file : journalFiles(directory)) {
            lines.put(file, countLines(file));
            nextSequence = Math.max(nextSequence, sequence(file) + 1);
        }
        Path failedFile = directory.resolve(FAILED_FILE);
        long failed = Files.exists(failedFile) ? countLines(failedFile) : 0;
        return new EventJournal(directory, lines, failed, nextSequence);
    }

    private static List<Path> journalFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> JOURNAL_FILE.matcher(file.getFileName().toString()).matches())
                .sorted()
                .collect(Collectors.toList());
        }
    }

    private static long sequence(Path file) {
        Matcher matcher = JOURNAL_FILE.matcher(file.getFileName().toString());
        matcher.matches();
        return Long.parseLong(matcher.group(1));
    }

    private static long countLines(Path file) throws IOException {
        try (Stream<String> fileLines = Files.lines(file, StandardCharsets.UTF_8)) {
            return fileLines.filter(line -> !line.isBlank()).count();
        }
    }

    /**
     * Appends the events and forces them to disk before returning.
     */
    synchronized void append(List<DeliveryEvent> events) throws IOException {
        if (current == null) {
            currentPath = directory.resolve(String.format("events-%020d.jsonl", nextSequence++));
            current = FileChannel.open(currentPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            lines.put(currentPath, 0L);
        }
        write(current, events.stream().map(EventDocuments::toLine));
        lines.merge(currentPath, (long) events.size(), Long::sum);
    }

    /**
     * Keeps an event OpenSearch refused for good, with its reason.
     */
    synchronized void fail(DeliveryEvent event, String reason) throws IOException {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("reason", reason);
        line.set("event", EventDocuments.toDocument(event));
        appendFailed(line);
    }

    /**
     * Keeps a journal line that is not an event (torn by a crash during its write, or edited), with its reason.
     */
    synchronized void failUnreadable(String journalLine) throws IOException {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("reason", "not an event");
        line.put("line", journalLine);
        appendFailed(line);
    }

    private void appendFailed(ObjectNode line) throws IOException {
        try (FileChannel failedFile = FileChannel.open(directory.resolve(FAILED_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            write(failedFile, Stream.of(line.toString()));
        }
        failed++;
    }

    private static void write(FileChannel channel, Stream<String> lines) throws IOException {
        String text = lines.map(line -> line + "\n").collect(Collectors.joining());
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    /**
     * The files to replay, oldest first. The file being appended to is closed and listed too, so that new spills go
     * to a new file while these are replayed.
     */
    synchronized List<Path> filesToReplay() throws IOException {
        closeCurrent();
        return lines.keySet().stream().sorted().collect(Collectors.toList());
    }

    /**
     * The lines of a journal file; blank lines (a crash between two writes) are left out.
     */
    static List<String> read(Path file) {
        try (Stream<String> fileLines = Files.lines(file, StandardCharsets.UTF_8)) {
            return fileLines.filter(line -> !line.isBlank()).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a replayed file: every event in it was acknowledged, refused for good or spilled again.
     */
    synchronized void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
        lines.remove(file);
    }

    synchronized boolean isEmpty() {
        return lines.isEmpty();
    }

    synchronized long spilled() {
        return lines.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized long failed() {
        return failed;
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
            currentPath = null;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closeCurrent();
    }
}
