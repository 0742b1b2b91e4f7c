package org.smtpplus.testing.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.smtpplus.testing.FreePorts;
import org.smtpplus.testing.ManagedProcess;
import org.smtpplus.testing.Processes;

/**
 * A real Cassandra 5.0 node in its own JVM, on 127.0.0.1, with its data under one directory. It can be
 * stopped and restarted on the same ports and data, so tests can simulate an outage.
 */
public final class CassandraProcess implements ManagedProcess {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final CassandraLayout layout;
    private final List<String> command;
    private Process process;

    private CassandraProcess(CassandraLayout layout) {
        this.layout = layout;
        this.command = CassandraCommand.of(layout, CassandraClasspath.read());
    }

    /** Starts a node in {@code directory} (created if needed, data kept if present) on free ports. */
    public static CassandraProcess start(Path directory) {
        int[] ports = FreePorts.pick(2);
        return launch(CassandraLayout.write(directory, ports[0], ports[1]));
    }

    /** Starts a node on a fixed native (CQL) port, e.g. 9042 for a try-out; the internode port is free. */
    public static CassandraProcess start(Path directory, int nativePort) {
        FreePorts.requireFree(nativePort);
        // Two candidates: the OS may hand out the native port itself when it lies in the ephemeral range.
        int storagePort = Arrays.stream(FreePorts.pick(2)).filter(port -> port != nativePort).findFirst().orElseThrow();
        return launch(CassandraLayout.write(directory, nativePort, storagePort));
    }

    private static CassandraProcess launch(CassandraLayout layout) {
        CassandraProcess cassandra = new CassandraProcess(layout);
        cassandra.restart();
        return cassandra;
    }

    public int nativePort() {
        return layout.nativePort();
    }

    /** For the DataStax driver's {@code addContactPoint} or James's cassandra.properties {@code cassandra.nodes}. */
    public String contactPoint() {
        return "127.0.0.1:" + nativePort();
    }

    public Path directory() {
        return layout.directory();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, so Cassandra flushes and closes its commit log; killed if it has not exited in 30 s. */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        Processes.terminate(process, STOP_TIMEOUT);
    }

    /** Stops the node if it runs, then starts it again on the same ports and data; returns once CQL is served. */
    public synchronized void restart() {
        stop();
        StartupWatch watch = StartupWatch.from(layout);
        try {
            process = new ProcessBuilder(command)
                    .directory(layout.directory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(layout.consoleLog().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.get(0), e);
        }
        awaitStartup(watch);
    }

    private void awaitStartup(StartupWatch watch) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        try {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw failure("Cassandra exited with code " + process.exitValue() + " while starting");
                }
                if (watch.startupComplete() && FreePorts.accepts(nativePort())) {
                    return;
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw failure("Interrupted while Cassandra was starting");
        }
        process.destroyForcibly();
        throw failure("Cassandra did not start within " + STARTUP_TIMEOUT.toSeconds() + " s");
    }

    private IllegalStateException failure(String reason) {
        return new IllegalStateException(reason + " (directory " + layout.directory() + ")\n"
                + StartupWatch.tail(layout));
    }
}
