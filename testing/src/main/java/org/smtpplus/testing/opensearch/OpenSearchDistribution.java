package org.smtpplus.testing.opensearch;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The OpenSearch distribution unpacked by the opensearch-server module: the minimal "integ-test" zip (no bundled
 * JDK, no plugins, no security), run with the caller's JDK.
 */
final class OpenSearchDistribution {
    /** Must match opensearch.version in opensearch-server/pom.xml. */
    static final String VERSION = "2.19.6";
    static final String PROPERTY = "smtpplus.opensearch.home";
    private static final Path RELATIVE = Path.of("opensearch-server", "target", "opensearch-" + VERSION);

    private OpenSearchDistribution() {
    }

    /** The system property wins; otherwise the distribution is looked up from the working directory upwards. */
    static Path locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            Path home = Path.of(configured).toAbsolutePath();
            if (!Files.isRegularFile(script(home))) {
                throw new IllegalStateException(PROPERTY + " names " + home + ", which has no bin/opensearch");
            }
            return home;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(script(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No " + RELATIVE + " in " + start + " or above it: run mvn from the"
                + " repository root (e.g. mvn -pl opensearch-server,testing -am install), or set -D" + PROPERTY);
    }

    static Path script(Path home) {
        return home.resolve("bin").resolve("opensearch");
    }
}
