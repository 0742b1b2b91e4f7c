package org.smtpplus.testing.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files of one node under its directory: configuration in config/, data in data/, logs in logs/, the JVM's
 * temporary files in tmp/ and, when the node runs as another user, its own copy of the distribution. Everything
 * is derived from the directory, so a restart on the same directory finds the same data.
 */
final class OpenSearchLayout {
    static final String CLUSTER_NAME = "smtpplus-test";

    private final Path directory;
    private final Path home;
    private final int httpPort;
    private final int transportPort;

    private OpenSearchLayout(Path directory, Path home, int httpPort, int transportPort) {
        this.directory = directory;
        this.home = home;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    /**
     * Lays out a node in {@code directory}, keeping any data and keystore. The distribution is used in place,
     * read only, unless the node runs as another user, who then gets a copy it owns.
     */
    static OpenSearchLayout write(Path directory, Path distribution, int httpPort, int transportPort, NodeUser user) {
        Path absolute = directory.toAbsolutePath().normalize();
        // bin/opensearch splits its JVM options on whitespace, paths included.
        if (absolute.toString().chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("OpenSearch cannot run in a directory with whitespace in its path: "
                    + absolute);
        }
        Path home = user.switches() ? absolute.resolve(distribution.getFileName()) : distribution;
        OpenSearchLayout layout = new OpenSearchLayout(absolute, home, httpPort, transportPort);
        try {
            Files.createDirectories(layout.data());
            Files.createDirectories(layout.logs());
            Files.createDirectories(layout.tmp());
            if (user.switches() && !Files.isDirectory(home)) {
                copyAtomically(distribution, home);
            }
            layout.writeConfig(distribution.resolve("config"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lay out OpenSearch in " + absolute, e);
        }
        user.own(absolute);
        return layout;
    }

    Path directory() {
        return directory;
    }

    /** OPENSEARCH_HOME: bin/, lib/, modules/. */
    Path home() {
        return home;
    }

    int httpPort() {
        return httpPort;
    }

    int transportPort() {
        return transportPort;
    }

    /** OPENSEARCH_PATH_CONF: the node writes its keystore there, so it is the node's own. */
    Path config() {
        return directory.resolve("config");
    }

    Path data() {
        return directory.resolve("data");
    }

    Path logs() {
        return directory.resolve("logs");
    }

    Path tmp() {
        return directory.resolve("tmp");
    }

    Path serverLog() {
        return logs().resolve(CLUSTER_NAME + ".log");
    }

    /** What the start script and the JVM print before logging is set up (wrong JDK, refused user...). */
    Path consoleLog() {
        return logs().resolve("console.log");
    }

    /**
     * The distribution's configuration, copied once (the keystore the node adds is kept), except jvm.options,
     * rewritten on every start: its paths are relative to OPENSEARCH_HOME, which may be shared and read only.
     */
    private void writeConfig(Path distributionConfig) throws IOException {
        copyMissing(distributionConfig, config());
        List<String> options = Files.readAllLines(distributionConfig.resolve("jvm.options"));
        Files.write(config().resolve("jvm.options"), options.stream()
                .map(this::absolutePaths)
                .collect(Collectors.toList()));
    }

    private String absolutePaths(String option) {
        if (option.startsWith("#")) {
            return option;
        }
        return option.replace("HeapDumpPath=data", "HeapDumpPath=" + data())
                .replace("=logs/", "=" + logs() + "/")
                .replace(":logs/", ":" + logs() + "/");
    }

    private static void copyMissing(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else if (!Files.exists(copy)) {
                    Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Copied under another name first, so an interrupted copy is never mistaken for a complete one. */
    private static void copyAtomically(Path source, Path target) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        if (Files.exists(partial)) {
            delete(partial);
        }
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path copy = partial.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            delete(partial);
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted((a, b) -> b.compareTo(a))::iterator) {
                Files.delete(path);
            }
        }
    }
}
