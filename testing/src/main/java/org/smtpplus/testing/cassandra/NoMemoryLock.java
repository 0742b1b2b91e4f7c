package org.smtpplus.testing.cassandra;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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
        return setpriv()
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

    private static Optional<Path> setpriv() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, "setpriv"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
