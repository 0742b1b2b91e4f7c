package org.smtpplus.testing.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of one node under its directory: configuration in conf/, logs in logs/, and the data
 * directories Cassandra creates itself. Everything is derived from the directory, so a restart on the
 * same directory finds the same data.
 */
final class CassandraLayout {
    private final Path directory;
    private final int nativePort;
    private final int storagePort;

    private CassandraLayout(Path directory, int nativePort, int storagePort) {
        this.directory = directory.toAbsolutePath();
        this.nativePort = nativePort;
        this.storagePort = storagePort;
    }

    /** Writes the configuration afresh (the ports may differ from an earlier run) and keeps any data. */
    static CassandraLayout write(Path directory, int nativePort, int storagePort) {
        CassandraLayout layout = new CassandraLayout(directory, nativePort, storagePort);
        try {
            Files.createDirectories(layout.directory.resolve("conf"));
            Files.createDirectories(layout.logs());
            Files.writeString(layout.config(), layout.yaml());
            Files.writeString(layout.logbackConfig(), layout.logback());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lay out Cassandra in " + layout.directory, e);
        }
        return layout;
    }

    Path directory() {
        return directory;
    }

    int nativePort() {
        return nativePort;
    }

    Path config() {
        return directory.resolve("conf/cassandra.yaml");
    }

    Path logbackConfig() {
        return directory.resolve("conf/logback.xml");
    }

    Path logs() {
        return directory.resolve("logs");
    }

    Path systemLog() {
        return logs().resolve("system.log");
    }

    /** What the JVM itself prints (crashes, JPMS warnings): Cassandra's own logging goes to systemLog. */
    Path consoleLog() {
        return logs().resolve("console.log");
    }

    private String yaml() {
        return String.join("\n",
                "cluster_name: 'SMTP+ test'",
                // One token: a single node owns the whole ring, and startup skips token allocation.
                "num_tokens: 1",
                "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
                "seed_provider:",
                "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
                "    parameters:",
                "      - seeds: '127.0.0.1:" + storagePort + "'",
                "listen_address: 127.0.0.1",
                "rpc_address: 127.0.0.1",
                "storage_port: " + storagePort,
                "native_transport_port: " + nativePort,
                "start_native_transport: true",
                "endpoint_snitch: SimpleSnitch",
                "data_file_directories:",
                "  - " + quoted(directory.resolve("data")),
                "commitlog_directory: " + quoted(directory.resolve("commitlog")),
                "saved_caches_directory: " + quoted(directory.resolve("saved_caches")),
                "hints_directory: " + quoted(directory.resolve("hints")),
                "cdc_raw_directory: " + quoted(directory.resolve("cdc_raw")),
                "commitlog_sync: periodic",
                "commitlog_sync_period: 10000ms",
                // Smaller segments: two are preallocated, and tests write little.
                "commitlog_segment_size: 8MiB",
                "authenticator: AllowAllAuthenticator",
                "authorizer: AllowAllAuthorizer",
                // A fresh single-node cluster has no 4.x nodes to stay compatible with.
                "storage_compatibility_mode: NONE",
                // Tests drop and truncate often; snapshots would only fill the disk.
                "auto_snapshot: false",
                "hinted_handoff_enabled: false",
                // Small memory budgets: the node shares two cores and a few GB with James and the tests.
                "memtable_heap_space: 32MiB",
                "memtable_offheap_space: 32MiB",
                "key_cache_size: 8MiB",
                "counter_cache_size: 0MiB",
                "file_cache_size: 16MiB",
                "networking_cache_size: 8MiB",
                "concurrent_reads: 4",
                "concurrent_writes: 4",
                "concurrent_counter_writes: 4",
                "concurrent_compactors: 1",
                "");
    }

    private String logback() {
        return String.join("\n",
                "<configuration>",
                "  <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">",
                "    <file>" + xmlText(systemLog()) + "</file>",
                "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>",
                "  </appender>",
                "  <root level=\"INFO\"><appender-ref ref=\"FILE\"/></root>",
                "</configuration>",
                "");
    }

    private static String xmlText(Path path) {
        return path.toString().replace("&", "&amp;").replace("<", "&lt;");
    }

    /** Single-quoted YAML: a path may hold spaces or colons, and '' is the only escape. */
    private static String quoted(Path path) {
        return "'" + path.toString().replace("'", "''") + "'";
    }
}
