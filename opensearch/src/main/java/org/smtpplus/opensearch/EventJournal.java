package org.smtpplus.opensearch;

import java.io.ByteArrayOutputStream;
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
 * Files are rotated every {@link #MAX_LINES_PER_FILE} events or {@link #MAX_BYTES_PER_FILE} bytes, so that a long
 * outage leaves many bounded files rather than one huge one, and replay reads each as a stream.
 * The event files together never hold more than a maximum of bytes: an event that would take them beyond it is not
 * written, and the caller drops it (the newest goes, what is journaled stays). Files a previous run left count too,
 * even beyond a lowered maximum; space comes back as replayed files are deleted. {@code failed.jsonl} is not counted:
 * it only grows by what OpenSearch refuses for good, and is the operator's to read and remove.
 * Thread-safe: the indexer spills and replays; recording threads only write here once the store is closed.
 */
final class EventJournal implements AutoCloseable {
    static final String FAILED_FILE = "failed.jsonl";

    // a file replays in a bounded time and its deletion frees its space soon after OpenSearch is back
    static final long MAX_LINES_PER_FILE = 10_000;
    static final long MAX_BYTES_PER_FILE = 16L * 1024 * 1024;

    private static final Pattern JOURNAL_FILE = Pattern.compile("events-(\\d{20})\\.jsonl");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path directory;
    // events per journal file, current file included: what backlog().spilled() sums
    private final Map<Path, Long> lines = new HashMap<>();
    // lines at the start of a file already replayed (acknowledged or moved to failed): skipped by the next replay of
    // the file, so that a replay stopped half-way neither resends them nor keeps them counted as spilled
    private final Map<Path, Long> replayed = new HashMap<>();
    // the size of each journal file on disk, current file included, and their sum
    private final Map<Path, Long> sizes = new HashMap<>();
    private long bytes;
    private final long maxBytes;
    private final long maxLinesPerFile;
    private long failed;
    private long nextSequence;
    private FileChannel current;
    private Path currentPath;
    private long currentLines;
    private long currentBytes;

    private EventJournal(Path directory, Map<Path, Long> lines, Map<Path, Long> sizes, long failed, long nextSequence,
                         long maxBytes, long maxLinesPerFile) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.maxLinesPerFile = maxLinesPerFile;
        this.lines.putAll(lines);
        this.sizes.putAll(sizes);
        this.bytes = sizes.values().stream().mapToLong(Long::longValue).sum();
        this.failed = failed;
        this.nextSequence = nextSequence;
    }

    /**
     * Opens the journal in {@code directory} (created if needed), with the files a previous run left.
     *
     * @param maxBytes the most the event files may hold together
     */
    static EventJournal open(Path directory, long maxBytes) throws IOException {
        return open(directory, maxBytes, MAX_LINES_PER_FILE);
    }

    // tests rotate after a few lines
    static EventJournal open(Path directory, long maxBytes, long maxLinesPerFile) throws IOException {
        Files.createDirectories(directory);
        Map<Path, Long> lines = new HashMap<>();
        Map<Path, Long> sizes = new HashMap<>();
        long nextSequence = 0;
        for (Path file : journalFiles(directory)) {
            lines.put(file, countLines(file));
            sizes.put(file, Files.size(file));
            nextSequence = Math.max(nextSequence, sequence(file) + 1);
        }
        Path failedFile = directory.resolve(FAILED_FILE);
        long failed = Files.exists(failedFile) ? countLines(failedFile) : 0;
        return new EventJournal(directory, lines, sizes, failed, nextSequence, maxBytes, maxLinesPerFile);
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
     * Appends, in their order, the events that fit within the maximum (each one that would take the files beyond it
     * is left out), and forces them to disk before returning (one force for all of them), then starts a new file if
     * the current one is full.
     *
     * @return how many of the events were journaled; the others are the caller's to drop
     */
    synchronized int append(List<DeliveryEvent> events) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int kept = 0;
        for (DeliveryEvent event : events) {
            byte[] line = (EventDocuments.toLine(event) + "\n").getBytes(StandardCharsets.UTF_8);
            if (line.length <= maxBytes - bytes - text.size()) {
                text.writeBytes(line);
                kept++;
            }
        }
        if (kept == 0) {
            return 0;
        }
        if (current == null) {
            currentPath = directory.resolve(String.format("events-%020d.jsonl", nextSequence++));
            current = FileChannel.open(currentPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            lines.put(currentPath, 0L);
            sizes.put(currentPath, 0L);
            currentLines = 0;
            currentBytes = 0;
        }
        try {
            write(current, text.toByteArray());
        } catch (IOException | RuntimeException e) {
            // a channel closed by an interrupt or a failed write is not reused: the next append opens a new file
            Path failedPath = currentPath;
            closeCurrentQuietly();
            // part of the text may have reached the disk: the file is counted as it is
            measure(failedPath);
            throw e;
        }
        lines.merge(currentPath, (long) kept, Long::sum);
        sizes.merge(currentPath, (long) text.size(), Long::sum);
        bytes += text.size();
        currentLines += kept;
        currentBytes += text.size();
        if (currentLines >= maxLinesPerFile || currentBytes >= MAX_BYTES_PER_FILE) {
            closeCurrent();
        }
        return kept;
    }

    private void measure(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            // nothing to measure: counted as it was
            return;
        }
        Long previous = sizes.put(file, size);
        bytes += size - (previous == null ? 0 : previous);
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
            write(failedFile, (line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        failed++;
    }

    private static void write(FileChannel channel, byte[] text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
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
     * The lines of a journal file, read lazily (a file can hold more than fits in memory twice); blank lines (a crash
     * between two writes) are left out. The caller closes the stream.
     */
    static Stream<String> lines(Path file) throws IOException {
        return Files.lines(file, StandardCharsets.UTF_8).filter(line -> !line.isBlank());
    }

    /**
     * The lines of a small journal file, all in memory: for tests and tools, not for replay.
     */
    static List<String> read(Path file) {
        try (Stream<String> fileLines = lines(file)) {
            return fileLines.collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How many lines at the start of the file were already replayed, to be skipped.
     */
    synchronized long replayed(Path file) {
        return replayed.getOrDefault(file, 0L);
    }

    /**
     * Marks the next {@code count} lines of a file being replayed as done: acknowledged, or moved to failed.
     */
    synchronized void replayed(Path file, long count) {
        replayed.merge(file, count, Long::sum);
        lines.computeIfPresent(file, (path, left) -> Math.max(0, left - count));
    }

    /**
     * Deletes a replayed file: every event in it was acknowledged or refused for good.
     */
    synchronized void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
        lines.remove(file);
        replayed.remove(file);
        Long size = sizes.remove(file);
        bytes -= size == null ? 0 : size;
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

    /** The size of the event files on disk, replayed lines of files not yet deleted included. */
    synchronized long bytes() {
        return bytes;
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            FileChannel closing = current;
            current = null;
            currentPath = null;
            closing.close();
        }
    }

    private void closeCurrentQuietly() {
        try {
            closeCurrent();
        } catch (IOException e) {
            // the write already failed: that is what the caller reports
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closeCurrent();
    }
}
