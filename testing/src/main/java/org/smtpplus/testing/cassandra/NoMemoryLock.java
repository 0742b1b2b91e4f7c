package org.smtpplus.testing.cassandra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.smtpplus.testing.Setpriv;

/**
 * Cassandra calls mlockall() at startup. With the CAP_IPC_LOCK capability (root outside a container, as on
 * some CI machines) the call succeeds and makes the whole heap and JDK image resident: about 700 MB instead
 * of about 340 MB. Without the capability the call fails and Cassandra only logs a warning, so the node is
 * started through setpriv with CAP_IPC_LOCK dropped. Elsewhere (no capability, no setpriv, not Linux) the
 * command runs as is.
 */
final class NoMemoryLock {
    private static final int CAP_SETPCAP = 8;
    private static final int CAP_IPC_LOCK = 14;

    private NoMemoryLock() {
    }

    /** The words to put before the java command. */
    static List<String> prefix() {
        if (!hasCapability(CAP_IPC_LOCK) || !hasCapability(CAP_SETPCAP)) {
            return List.of();
        }
        return Setpriv.locate()
                .map(setpriv -> List.of(setpriv.toString(), "--bounding-set", "-ipc_lock", "--"))
                .orElse(List.of());
    }

    private static boolean hasCapability(int capability) {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith("CapEff:"))
                    .map(line -> Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16))
                    .anyMatch(effective -> (effective & (1L << capability)) != 0);
        } catch (IOException e) {
            return false;
        }
    }
}
