package org.smtpplus.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No package of core depends on itself through others: a package can be read, and changed, knowing only the
 * packages below it (the store's outage exception in a leaf, the Store aggregate above every repository, the bounce
 * records below the report parsers). Read from the import lines of src/main/java; a failure names the cycle and, for
 * each step, a file whose import makes it.
 */
class PackageCyclesTest {
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final String CORE = "org.smtpplus.core";

    @Test
    void corePackagesHaveNoCycle() {
        PackageGraph graph = PackageGraph.read(SOURCES);

        assertThat(graph.cycle()).as("a cycle between core's packages").isEmpty();
    }

    @Test
    void theGraphIsReadFromEveryPackage() {
        PackageGraph graph = PackageGraph.read(SOURCES);

        assertThat(graph.packages()).hasSizeGreaterThan(20)
            .contains(CORE + ".store", CORE + ".backend", CORE + ".bounce", CORE + ".bounce.report");
        assertThat(graph.dependencies(CORE + ".bounce.report")).contains(CORE + ".bounce");
        assertThat(graph.dependencies(CORE + ".usage")).contains(CORE + ".store");
        assertThat(graph.dependencies(CORE + ".store")).isEmpty();
    }

    @Test
    void aCycleIsFoundAndNamedWithTheImportsThatMakeIt(@TempDir Path sources) throws IOException {
        write(sources, "store", "Store", "import org.smtpplus.core.usage.UsageRepository;");
        write(sources, "usage", "UsageRepository", "import static org.smtpplus.core.account.Account.NAME;");
        write(sources, "account", "Account", "import org.smtpplus.core.store.Store;");
        write(sources, "json", "Leaf", "import java.util.List;");

        Optional<String> cycle = PackageGraph.read(sources).cycle();

        assertThat(cycle).contains("account -> store (Account.java) -> usage (Store.java) -> account (UsageRepository.java)");
    }

    private static void write(Path sources, String pkg, String name, String importLine) throws IOException {
        Path dir = sources.resolve(Path.of("org", "smtpplus", "core", pkg));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".java"),
            "package " + CORE + "." + pkg + ";\n\n" + importLine + "\n\npublic class " + name + " {\n}\n");
    }

    /** Core's packages and, for each, the core packages its files import, with one importing file per edge. */
    static final class PackageGraph {
        private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
        private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.*]+)\\s*;", Pattern.MULTILINE);

        // package -> imported package -> the first file, in path order, whose import makes the edge
        private final Map<String, Map<String, String>> edges = new TreeMap<>();

        static PackageGraph read(Path sources) {
            PackageGraph graph = new PackageGraph();
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().collect(Collectors.toList())) {
                    graph.add(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return graph;
        }

        private void add(Path file) throws IOException {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            Matcher pkg = PACKAGE.matcher(source);
            if (!pkg.find()) {
                return;
            }
            Map<String, String> imported = edges.computeIfAbsent(pkg.group(1), name -> new TreeMap<>());
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                String target = packageOf(imports.group(1));
                if (target.startsWith(CORE + ".") && !target.equals(pkg.group(1))) {
                    imported.putIfAbsent(target, file.getFileName().toString());
                }
            }
        }

        // the segments before the first type name: org.smtpplus.core.bounce.report of ...report.BounceParser
        private static String packageOf(String imported) {
            List<String> segments = new ArrayList<>();
            for (String segment : imported.split("\\.")) {
                if (segment.equals("*") || Character.isUpperCase(segment.charAt(0))) {
                    break;
                }
                segments.add(segment);
            }
            return String.join(".", segments);
        }

        Set<String> packages() {
            return edges.keySet();
        }

        Set<String> dependencies(String pkg) {
            return edges.getOrDefault(pkg, Map.of()).keySet();
        }

        /** The first cycle a depth-first walk meets, as {@code a -> b (File.java) -> ... -> a (File.java)}. */
        Optional<String> cycle() {
            Set<String> done = new TreeSet<>();
            for (String start : edges.keySet()) {
                Optional<String> found = walk(start, new ArrayList<>(), done);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }

        private Optional<String> walk(String pkg, List<String> path, Set<String> done) {
            int seen = path.indexOf(pkg);
            if (seen >= 0) {
                return Optional.of(describe(path.subList(seen, path.size()), pkg));
            }
            if (done.contains(pkg)) {
                return Optional.empty();
            }
            path.add(pkg);
            for (String next : dependencies(pkg)) {
                Optional<String> found = walk(next, path, done);
                if (found.isPresent()) {
                    return found;
                }
            }
            path.remove(path.size() - 1);
            done.add(pkg);
            return Optional.empty();
        }

        private String describe(List<String> cycle, String back) {
            StringBuilder text = new StringBuilder(shortName(cycle.get(0)));
            for (int i = 1; i <= cycle.size(); i++) {
                String from = cycle.get(i - 1);
                String to = i < cycle.size() ? cycle.get(i) : back;
                text.append(" -> ").append(shortName(to)).append(" (").append(edges.get(from).get(to)).append(')');
            }
            return text.toString();
        }

        private static String shortName(String pkg) {
            return pkg.substring(CORE.length() + 1);
        }
    }
}
