package org.smtpplus.testing.cassandra;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a Cassandra node in the foreground for trying SMTP+ by hand, until Ctrl-C or SIGTERM. Data stays in
 * the directory across runs.
 *
 * <p>Usage, from the repository root after {@code mvn -pl cassandra-server,testing -am install -DskipTests}:
 * {@code java -cp testing/target/classes org.smtpplus.testing.cassandra.CassandraTryOut [directory] [port]}.
 * The directory defaults to {@code target/cassandra}; the port to $SMTPPLUS_CASSANDRA_PORT, else 9042.
 */
public final class CassandraTryOut {
    private static final String DEFAULT_DIRECTORY = "target/cassandra";
    private static final String PORT_VARIABLE = "SMTPPLUS_CASSANDRA_PORT";
    private static final int DEFAULT_PORT = 9042;

    private CassandraTryOut() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path directory = Path.of(args.length > 0 ? args[0] : DEFAULT_DIRECTORY);
        int port = args.length > 1 ? Integer.parseInt(args[1]) : portFromEnvironment();
        System.out.println("Starting Cassandra in " + directory.toAbsolutePath() + " ...");
        CassandraProcess cassandra = CassandraProcess.start(directory, port);

        // Ctrl-C also reaches the child (same process group); the hook covers SIGTERM sent to this JVM alone.
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            cassandra.stop();
        }, "cassandra-try-out-stop"));
        System.out.println("Cassandra ready on " + cassandra.contactPoint() + " (Ctrl-C stops it; logs in "
                + directory.toAbsolutePath().resolve("logs") + ")");

        // Polling, not waiting on the hook alone: a node that dies on its own must end the try-out too.
        while (cassandra.isRunning()) {
            Thread.sleep(1000);
        }
        if (!stopping.get()) {
            System.err.println("Cassandra exited on its own; see " + directory.toAbsolutePath().resolve("logs"));
            System.exit(1);
        }
    }

    private static int portFromEnvironment() {
        String value = System.getenv(PORT_VARIABLE);
        return value == null || value.isBlank() ? DEFAULT_PORT : Integer.parseInt(value.trim());
    }
}
