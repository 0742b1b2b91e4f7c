package org.smtpplus.testing.cassandra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a Cassandra node: the same JDK as the caller, Cassandra's JVM options, a small footprint. */
final class CassandraCommand {
    private static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";

    /**
     * The JPMS section of conf/jvm17-server.options in Cassandra 5.0 (after CASSANDRA-18439 and
     * CASSANDRA-18848), plus the Netty properties of that file. Without them Cassandra stops at startup,
     * unable to reach JDK internals, since it is not started by its own scripts here.
     */
    private static final List<String> JVM17_SERVER_OPTIONS = List.of(
            "-Djdk.attach.allowAttachSelf=true",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dio.netty.allocator.useCacheForAllThreads=true",
            "-Dio.netty.allocator.maxOrder=11");

    /**
     * A test node, not a production one: a fixed small heap, the client compiler only (less CPU and
     * memory at startup), a serial collector (no GC threads competing for the two cores), and thread
     * pools sized for two processors whatever the machine.
     */
    private static final List<String> FOOTPRINT_OPTIONS = List.of(
            "-Xms384m",
            "-Xmx384m",
            "-Xss256k",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:ActiveProcessorCount=2",
            "-XX:+ExitOnOutOfMemoryError");

    private CassandraCommand() {
    }

    static List<String> of(CassandraLayout layout, String classpath) {
        List<String> command = new ArrayList<>(NoMemoryLock.prefix());
        command.add(java().toString());
        command.addAll(FOOTPRINT_OPTIONS);
        command.addAll(JVM17_SERVER_OPTIONS);
        // As in Cassandra's jvm-server.options; the node listens on 127.0.0.1 only anyway.
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-Dcassandra.config=" + layout.config().toUri());
        command.add("-Dcassandra-foreground=yes");
        command.add("-Dcassandra.storagedir=" + layout.directory());
        command.add("-Dcassandra.logdir=" + layout.logs());
        command.add("-Dlogback.configurationFile=" + layout.logbackConfig());
        // A single node has no gossip to wait for: these two save about half a minute per start.
        command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        command.add("-Dcassandra.ring_delay_ms=1000");
        // Estimating the memtable row overhead with 100,000 rows takes two seconds of every start; a rough
        // estimate only makes memtable accounting rough, which a test node does not mind.
        command.add("-Dcassandra.memtable_row_overhead_computation_step=100");
        // No peers to tell about a shutdown: these two save about four seconds per stop, which outage tests pay.
        command.add("-Dcassandra.shutdown_announce_in_ms=0");
        command.add("-Dcassandra.test.messagingService.nonGracefulShutdown=true");
        command.add("-cp");
        command.add(classpath);
        command.add(MAIN_CLASS);
        return command;
    }

    /** The caller's own JDK; Cassandra 5.0 runs on Java 11 or 17, and the options above are Java 17's. */
    private static Path java() {
        int feature = Runtime.version().feature();
        if (feature != 17) {
            throw new IllegalStateException("Cassandra 5.0 is started with Java 17 options, but this JVM is Java "
                    + feature + " (" + System.getProperty("java.home") + "): run Maven or the tests with a JDK 17");
        }
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
