package org.smtpplus.testing.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One OpenSearch node for the whole test JVM, started by the first test class that needs it (a start costs
 * seconds and most of a GB), stopped and deleted when the JVM exits.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final OpenSearchExtension OPENSEARCH = new OpenSearchExtension();
 * ... OPENSEARCH.opensearch().baseUrl() ...
 * </pre>
 *
 * A test class that stops the node gets it restarted for the next class; its data is kept.
 */
public final class OpenSearchExtension implements BeforeAllCallback {
    private static OpenSearchProcess shared;
    private static RuntimeException startFailure;

    @Override
    public void beforeAll(ExtensionContext context) {
        ensureRunning();
    }

    public OpenSearchProcess opensearch() {
        synchronized (OpenSearchExtension.class) {
            if (shared == null) {
                throw new IllegalStateException("OpenSearch is started in beforeAll: register the extension"
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

    private static OpenSearchProcess startOnce() {
        Path directory = createDirectory();
        // Registered before the start, so even a failed start leaves no node and no directory behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndDelete(directory), "opensearch-extension-stop"));
        try {
            return OpenSearchProcess.start(directory);
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("smtpplus-opensearch-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stopAndDelete(Path directory) {
        OpenSearchProcess opensearch;
        synchronized (OpenSearchExtension.class) {
            opensearch = shared;
        }
        if (opensearch != null) {
            opensearch.stop();
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
