package org.smtpplus.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * James 3.8.1's own configurations at tag james-project-3.8.1, copied into the test resources because the build has
 * no James checkout: the memory and distributed apps' sample-configuration/, and the distributed app's
 * docker-configuration/, whose files replace the sample's of the same name in the {@code apache/james:distributed-3.8.1}
 * image's /root/conf (its Jib build copies the two directories there in that order). The manifest {@code samples.sha1}
 * holds their git blob ids as the tag's tree records them: a copy is James's file when its blob id, computed here
 * with JGit exactly as {@code git hash-object} does, is the manifest's.
 */
final class JamesSamples {
    static final Path ROOT = Path.of(System.getProperty("smtpplus.repository.root", "..")).toAbsolutePath().normalize();
    static final Path REFERENCE = ROOT.resolve("integration-tests/src/test/resources/org/smtpplus/deploy/james-3.8.1");
    static final Path MEMORY = REFERENCE.resolve("memory-app/sample-configuration");
    static final Path DISTRIBUTED = REFERENCE.resolve("distributed-app/sample-configuration");
    static final Path DISTRIBUTED_DOCKER = REFERENCE.resolve("distributed-app/docker-configuration");
    static final Path MANIFEST = REFERENCE.resolve("samples.sha1");

    private JamesSamples() {
    }

    /** A file of the distributed image's /root/conf: docker-configuration's when it has one, else the sample's. */
    static Path distributedImage(String name) {
        Path docker = DISTRIBUTED_DOCKER.resolve(name);
        return Files.exists(docker) ? docker : DISTRIBUTED.resolve(name);
    }

    /** The manifest: blob id by path relative to {@link #REFERENCE}, such as {@code distributed-app/sample-configuration/cassandra.properties}. */
    static Map<String, String> manifest() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String line : lines(MANIFEST)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] idAndPath = line.split(" ", 2);
            ids.put(idAndPath[1], idAndPath[0]);
        }
        return ids;
    }

    /** The blob id of every file under {@link #REFERENCE} but the manifest, by path relative to it. */
    static Map<String, String> copies() {
        try (Stream<Path> files = Files.walk(REFERENCE)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.equals(MANIFEST))
                .collect(Collectors.toMap(file -> REFERENCE.relativize(file).toString().replace('\\', '/'),
                    JamesSamples::blobId, (a, b) -> a, TreeMap::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String blobId(Path file) {
        try (ObjectInserter.Formatter git = new ObjectInserter.Formatter()) {
            return git.idFor(Constants.OBJ_BLOB, Files.readAllBytes(file)).name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the files of a configuration directory, sorted. */
    static List<String> fileNames(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).sorted()
                .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
