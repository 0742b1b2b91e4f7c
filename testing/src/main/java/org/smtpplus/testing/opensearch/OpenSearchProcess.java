package org.smtpplus.testing.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.smtpplus.testing.FreePorts;
import org.smtpplus.testing.LogTail;
import org.smtpplus.testing.ManagedProcess;
import org.smtpplus.testing.Processes;

/**
 * A real OpenSearch 2.19 node in its own process, on 127.0.0.1 (plain HTTP, no security plugin), with its data
 * under one directory. It can be stopped and restarted on the same ports and data, so tests can simulate an
 * outage. When this JVM runs as root the node runs as {@code nobody}, since OpenSearch refuses root.
 */
public final class OpenSearchProcess implements ManagedProcess {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(250);

    private final OpenSearchLayout layout;
    private final List<String> command;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Process process;

    private OpenSearchProcess(OpenSearchLayout layout, NodeUser user) {
        this.layout = layout;
        this.command = OpenSearchCommand.of(layout, user);
    }

    /** Starts a node in {@code directory} (created if needed, data kept if present) on free ports. */
    public static OpenSearchProcess start(Path directory) {
        NodeUser user = NodeUser.forThisProcess();
        int[] ports = FreePorts.pick(2);
        OpenSearchLayout layout = OpenSearchLayout.write(directory, OpenSearchDistribution.locate(), ports[0],
                ports[1], user);
        OpenSearchProcess opensearch = new OpenSearchProcess(layout, user);
        opensearch.restart();
        return opensearch;
    }

    /**
     * {@code http://127.0.0.1:PORT}, for an HTTP client; James's opensearch.properties takes 127.0.0.1 and
     * {@link #httpPort()}.
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort();
    }

    public int httpPort() {
        return layout.httpPort();
    }

    public Path directory() {
        return layout.directory();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, so OpenSearch closes its shards cleanly; killed if it has not exited in 30 s. */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        Processes.terminate(process, STOP_TIMEOUT);
    }

    /**
     * Stops the node if it runs, then starts it again on the same ports and data; returns once the cluster is
     * yellow, i.e. every primary shard is served.
     */
    public synchronized void restart() {
        stop();
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(layout.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(layout.consoleLog().toFile()));
        OpenSearchCommand.environment(builder.environment(), layout);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        }
        awaitStartup();
    }

    private void awaitStartup() {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        HttpRequest health = HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw failure("OpenSearch exited with code " + process.exitValue() + " while starting");
                }
                if (healthy(health)) {
                    return;
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw failure("Interrupted while OpenSearch was starting");
        }
        process.destroyForcibly();
        throw failure("OpenSearch did not start within " + STARTUP_TIMEOUT.toSeconds() + " s");
    }

    /** 200 once yellow; 408 while the wait times out; no connection before the HTTP port is bound. */
    private boolean healthy(HttpRequest health) throws InterruptedException {
        try {
            return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private IllegalStateException failure(String reason) {
        return new IllegalStateException(reason + " (directory " + layout.directory() + ")\n"
                + LogTail.of(layout.serverLog()) + LogTail.of(layout.consoleLog()));
    }
}
