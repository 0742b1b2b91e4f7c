package org.smtpplus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One server process for the whole test JVM, started by the first test class that needs it (a start costs seconds
 * and hundreds of MB), restarted for the next class when a test left it stopped (its data kept), stopped and
 * deleted when the JVM exits.
 */
public final class SharedProcess<P extends ManagedProcess> {
    private final String name;
    private final Function<Path, P> starter;
    private P process;
    private RuntimeException startFailure;

    /**
     * @param starter starts the server in the given empty directory
     */
    public SharedProcess(String name, Function<Path, P> starter) {
        this.name = name;
        this.starter = starter;
    }

    public synchronized void ensureRunning() {
        // A failed start would fail the same way for every class: report it again without another wait.
        if (startFailure != null) {
            throw startFailure;
        }
        if (process == null) {
            process = startOnce();
        } else if (!process.isRunning()) {
            process.restart();
        }
    }

    public synchronized P get() {
        if (process == null) {
            throw new IllegalStateException(name + " is started in beforeAll: register the extension"
                + " on a static field with @RegisterExtension (ordered before the extensions that use it), or with @ExtendWith");
        }
        return process;
    }

    private P startOnce() {
        Path directory = createDirectory();
        // Registered before the start, so even a failed start leaves no server and no directory behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndDelete(directory),
            name.toLowerCase(Locale.ROOT) + "-extension-stop"));
        try {
            return starter.apply(directory);
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    private Path createDirectory() {
        try {
            return Files.createTempDirectory("smtpplus-" + name.toLowerCase(Locale.ROOT) + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stopAndDelete(Path directory) {
        P running;
        synchronized (this) {
            running = process;
        }
        if (running != null) {
            running.stop();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + directory + ": " + e.getMessage());
        }
    }
}
