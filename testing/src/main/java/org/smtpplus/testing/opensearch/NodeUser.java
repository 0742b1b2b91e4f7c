package org.smtpplus.testing.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.smtpplus.testing.Setpriv;

/**
 * The user the node runs as. OpenSearch refuses to run as root, and tests run as root in containers and on
 * some CI machines: there the node directory is handed to {@code nobody} and the node is started through
 * setpriv as that user. Anyone else runs the node as themselves.
 */
final class NodeUser {
    private static final String UNPRIVILEGED = "nobody";

    private final boolean root;
    private final int uid;
    private final int gid;
    private final List<String> prefix;

    private NodeUser(boolean root, int uid, int gid, List<String> prefix) {
        this.root = root;
        this.uid = uid;
        this.gid = gid;
        this.prefix = prefix;
    }

    static NodeUser forThisProcess() {
        if (!runningAsRoot()) {
            return new NodeUser(false, -1, -1, List.of());
        }
        Path setpriv = Setpriv.locate().orElseThrow(() -> new IllegalStateException("This JVM runs as root, which"
                + " OpenSearch refuses, and there is no setpriv (util-linux) on the PATH to start it as "
                + UNPRIVILEGED + ": install util-linux or run the tests as an ordinary user"));
        int uid = id("-u");
        int gid = id("-g");
        return new NodeUser(true, uid, gid, List.of(setpriv.toString(),
                "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
    }

    /** True when the node runs as another user than this JVM, from its own copy of the distribution. */
    boolean switches() {
        return root;
    }

    /** The words to put before the command. */
    List<String> prefix() {
        return prefix;
    }

    /** Gives the node directory, and everything in it, to the node's user; nothing to do for a non-root JVM. */
    void own(Path directory) {
        if (!root) {
            return;
        }
        requireReachable(directory);
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot give " + directory + " to " + UNPRIVILEGED, e);
        }
    }

    /** The node's user must be able to walk down to its directory (and to the JDK, which is rarely a problem). */
    private static void requireReachable(Path directory) {
        for (Path dir = directory.getParent(); dir != null; dir = dir.getParent()) {
            Set<PosixFilePermission> permissions;
            try {
                permissions = Files.getPosixFilePermissions(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("OpenSearch runs as " + UNPRIVILEGED + " here (this JVM is root),"
                        + " but " + dir + " is not searchable by others, so it cannot reach " + directory
                        + ": choose a directory under /tmp (e.g. -Djava.io.tmpdir=/tmp) or chmod o+x " + dir);
            }
        }
    }

    private static boolean runningAsRoot() {
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            try (Stream<String> lines = Files.lines(status)) {
                // "Uid: real effective saved filesystem"
                return lines.filter(line -> line.startsWith("Uid:"))
                        .map(line -> line.substring("Uid:".length()).trim().split("\\s+")[1])
                        .anyMatch("0"::equals);
            } catch (IOException e) {
                // Fall back on the user name.
            }
        }
        return "root".equals(System.getProperty("user.name"));
    }

    private static int id(String option) {
        try {
            Process process = new ProcessBuilder("id", option, UNPRIVILEGED).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("This JVM runs as root, which OpenSearch refuses, and there is no"
                        + " user " + UNPRIVILEGED + " to start it as: " + output);
            }
            return Integer.parseInt(output);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run id " + option + " " + UNPRIVILEGED, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while looking up " + UNPRIVILEGED, e);
        }
    }
}
