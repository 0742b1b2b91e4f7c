package org.smtpplus.testing.cassandra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.smtpplus.testing.LogTail;

/**
 * Reads one start's part of Cassandra's log. The log is appended to across restarts, so "Startup complete"
 * only counts after the offset where this start began.
 */
final class StartupWatch {
    private static final String READY = "Startup complete";

    private final Path log;
    private final long offset;

    private StartupWatch(Path log, long offset) {
        this.log = log;
        this.offset = offset;
    }

    static StartupWatch from(CassandraLayout layout) {
        Path log = layout.systemLog();
        try {
            return new StartupWatch(log, Files.exists(log) ? Files.size(log) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean startupComplete() {
        if (!Files.exists(log)) {
            return false;
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(offset);
            byte[] bytes = new byte[(int) (file.length() - offset)];
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).contains(READY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The end of both logs, for an error message that explains itself without a trip to the directory. */
    static String tail(CassandraLayout layout) {
        return LogTail.of(layout.systemLog()) + LogTail.of(layout.consoleLog());
    }
}
