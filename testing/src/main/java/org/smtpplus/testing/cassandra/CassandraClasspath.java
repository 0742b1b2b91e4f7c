package org.smtpplus.testing.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cassandra's runtime classpath, as written by the cassandra-server module. It is resolved there, outside
 * the James BOM, so Cassandra runs with its own Guava, Netty and Jackson.
 */
final class CassandraClasspath {
    static final String PROPERTY = "smtpplus.cassandra.classpath";
    private static final Path RELATIVE = Path.of("cassandra-server", "target", "cassandra.classpath");

    private CassandraClasspath() {
    }

    static String read() {
        Path file = locate();
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Cassandra classpath " + file, e);
        }
    }

    /** The system property wins; otherwise the file is looked up from the working directory upwards. */
    private static Path locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            Path file = Path.of(configured);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(PROPERTY + " names " + file + ", which does not exist");
            }
            return file;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No " + RELATIVE + " in " + start + " or above it: run mvn from the"
                + " repository root (e.g. mvn -pl cassandra-server,testing -am install), or set -D" + PROPERTY);
    }
}
