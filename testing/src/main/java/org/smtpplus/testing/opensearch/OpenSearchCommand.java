package org.smtpplus.testing.opensearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The command line and environment of an OpenSearch node: its own start script, the caller's JDK, a small heap. */
final class OpenSearchCommand {
    /**
     * A test node: 384 MB of heap is plenty for the few indices tests create (the distribution's default is
     * 1 GB); the node then has about 560 MB resident in all.
     */
    static final String JAVA_OPTS = "-Xms384m -Xmx384m";

    private OpenSearchCommand() {
    }

    static List<String> of(OpenSearchLayout layout, NodeUser user) {
        List<String> command = new ArrayList<>(user.prefix());
        command.add(OpenSearchDistribution.script(layout.home()).toString());
        command.addAll(List.of(
                "-Ecluster.name=" + OpenSearchLayout.CLUSTER_NAME,
                "-Enode.name=node-1",
                // No discovery, and none of the production bootstrap checks (vm.max_map_count...).
                "-Ediscovery.type=single-node",
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + layout.httpPort(),
                "-Etransport.port=" + layout.transportPort(),
                "-Epath.data=" + layout.data(),
                "-Epath.logs=" + layout.logs(),
                // A nearly full disk (CI) must not turn indices read-only or leave shards unassigned.
                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
        return command;
    }

    /** Sets what bin/opensearch reads, and removes what would make it use another home, JDK or options. */
    static void environment(Map<String, String> environment, OpenSearchLayout layout) {
        String javaHome = javaHome();
        environment.remove("OPENSEARCH_HOME");
        environment.remove("JAVA_TOOL_OPTIONS");
        environment.remove("JAVA_OPTS");
        environment.put("OPENSEARCH_JAVA_HOME", javaHome);
        environment.put("JAVA_HOME", javaHome);
        environment.put("OPENSEARCH_PATH_CONF", layout.config().toString());
        // Otherwise the script creates a new directory in /tmp at every start and never deletes it.
        environment.put("OPENSEARCH_TMPDIR", layout.tmp().toString());
        environment.put("OPENSEARCH_JAVA_OPTS", JAVA_OPTS);
    }

    /**
     * The caller's own JDK. OpenSearch 2.19 runs on Java 11 to 21 but needs the Security Manager, which Java 24
     * removed.
     */
    private static String javaHome() {
        int feature = Runtime.version().feature();
        if (feature < 11 || feature >= 24) {
            throw new IllegalStateException("OpenSearch " + OpenSearchDistribution.VERSION + " runs on Java 11 to 21,"
                    + " but this JVM is Java " + feature + " (" + System.getProperty("java.home")
                    + "): run Maven or the tests with a JDK 17");
        }
        return System.getProperty("java.home");
    }
}
