package org.smtpplus.testing.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Cassandra node for the whole test JVM, started by the first test class that needs it (a start costs
 * seconds and most of a GB), stopped and deleted when the JVM exits.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final CassandraExtension CASSANDRA = new CassandraExtension();
 * ... CASSANDRA.cassandra().contactPoint() ...
 * </pre>
 *
 * A test class that stops the node gets it restarted for the next class; its data is kept.
 */
public final class CassandraExtension implements BeforeAllCallback {
    private static CassandraProcess shared;
    private static RuntimeException startFailure;

    @Override
    public void beforeAll(ExtensionContext context) {
        ensureRunning();
    }

    public CassandraProcess cassandra() {
        synchronized (CassandraExtension.class) {
            if (shared == null) {
                throw new IllegalStateException("Cassandra is started in beforeAll: register the extension"
                        + " on a static field with @RegisterExtension, or with @ExtendWith");
            }
            return shared;
        }
    }

    private static synchronized void ensureRunning() {
        // A failed start would fail the same way for every class: report it again without another wait.
        if (startFailure != null) {
            throw startFailure;
        }
        if (shared == null) {
            shared = startOnce();
        } else if (!shared.isRunning()) {
            shared.restart();
        }
    }

    private static CassandraProcess startOnce() {
        Path directory = createDirectory();
        // Registered before the start, so even a failed start leaves no node and no directory behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndDelete(directory), "cassandra-extension-stop"));
        try {
            return CassandraProcess.start(directory);
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("smtpplus-cassandra-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stopAndDelete(Path directory) {
        CassandraProcess cassandra;
        synchronized (CassandraExtension.class) {
            cassandra = shared;
        }
        if (cassandra != null) {
            cassandra.stop();
        }
        delete(directory);
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + directory + ": " + e.getMessage());
        }
    }
}
