package org.smtpplus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code ./smtpplus package} writes target/smtpplus-VERSION.tar.gz, and the package holds what docker-compose.yml
 * mounts and what the docs name; docker-compose.yml validates ({@code docker-compose config}, which needs no Docker
 * engine; .ci/run installs it) and runs the images James 3.8.1's own compose file runs.
 */
class ReleasePackageTest {
    private static final String VERSION = System.getProperty("smtpplus.version");
    private static final String NAME = "smtpplus-" + VERSION;

    @TempDir
    static Path unpacked;
    private static Path root;

    @BeforeAll
    static void packageAndUnpack() throws Exception {
        Path tarball = JamesSamples.ROOT.resolve("target/" + NAME + ".tar.gz");
        Files.deleteIfExists(tarball);

        run(JamesSamples.ROOT, List.of("bash", "./smtpplus", "package"));
        run(unpacked, List.of("tar", "-xzf", tarball.toString()));
        root = unpacked.resolve(NAME);
    }

    @Test
    void thePackageHoldsTheJarBothConfigurationsTheComposeFileAndTheDocs() throws IOException {
        Path jar = JamesSamples.ROOT.resolve("bundle/target/smtpplus-bundle-" + VERSION + ".jar");
        List<String> shipped = new ArrayList<>(JamesSamples.fileNames(DistributedConfigurationTest.CONF_DISTRIBUTED));
        shipped.removeAll(DistributedConfigurationTest.OPERATOR_FILES);

        assertThat(JamesSamples.fileNames(root)).containsExactly("CONTRIBUTING.md", "README.md", "docker-compose.yml");
        assertThat(root.resolve("extensions-jars/smtpplus-bundle-" + VERSION + ".jar")).hasSameBinaryContentAs(jar);
        assertThat(JamesSamples.fileNames(root.resolve("extensions-jars"))).hasSize(1);
        assertSameFiles("conf", JamesSamples.fileNames(DistributedConfigurationTest.CONF));
        assertSameFiles("conf-distributed", shipped);
        assertSameFiles("docs", JamesSamples.fileNames(JamesSamples.ROOT.resolve("docs")));
        for (String file : List.of("docker-compose.yml", "README.md", "CONTRIBUTING.md")) {
            assertThat(root.resolve(file)).hasSameBinaryContentAs(JamesSamples.ROOT.resolve(file));
        }
    }

    @Test
    void theComposeFileValidates() throws Exception {
        String config = run(root, List.of("docker-compose", "-f", "docker-compose.yml", "config"));

        assertThat(config).contains("apache/james:distributed-3.8.1");
    }

    @Test
    void everyPathTheComposeFileMountsIsInThePackage() throws IOException {
        Map<String, Object> services = map(compose(root.resolve("docker-compose.yml")).get("services"));
        Map<String, String> mounts = new TreeMap<>();
        services.forEach((service, definition) -> {
            Object volumes = map(definition).get("volumes");
            if (volumes != null) {
                for (Object volume : (List<?>) volumes) {
                    String[] parts = ((String) volume).split(":");
                    if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
                        mounts.put(parts[1], parts[0]);
                    }
                }
            }
        });

        mounts.forEach((target, source) -> assertThat(root.resolve(source))
            .as("%s, mounted at %s, is in the package", source, target).exists());
        assertThat(mounts).containsOnlyKeys("/root/extensions-jars", "/root/conf");
        assertThat(root.resolve(mounts.get("/root/extensions-jars")).resolve("smtpplus-bundle-" + VERSION + ".jar"))
            .isRegularFile();
        assertThat(root.resolve(mounts.get("/root/conf")).normalize()).isEqualTo(root.resolve("conf-distributed"));
    }

    @Test
    void theComposeFileRunsTheImagesJamesComposeRuns() throws IOException {
        Map<String, Object> ours = map(compose(root.resolve("docker-compose.yml")).get("services"));
        Map<String, Object> james = map(compose(JamesSamples.REFERENCE.resolve("distributed-app/docker-compose.yml"))
            .get("services"));

        assertThat(image(ours, "james")).isEqualTo("apache/james:distributed-3.8.1");
        for (String service : List.of("cassandra", "opensearch", "rabbitmq", "s3")) {
            assertThat(image(ours, service)).as(service).isEqualTo(image(james, service));
            assertThat(map(ours.get(service))).as(service + " has a health check").containsKey("healthcheck");
        }
        assertThat(map(ours.get("james"))).containsKey("healthcheck");
    }

    /**
     * Every relative link of README.md, CONTRIBUTING.md and docs/, and every file of conf/, conf-distributed/ or
     * extensions-jars/ they name in code spans, but those the operator makes (keystores, the WebAdmin key).
     */
    @Test
    void everyFileTheDocsNameIsInThePackage() throws IOException {
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        Pattern named = Pattern.compile("`((?:conf|conf-distributed|extensions-jars)/[A-Za-z0-9._/-]*)`");
        List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("CONTRIBUTING.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            documents.addAll(docs.filter(file -> file.toString().endsWith(".md")).collect(Collectors.toList()));
        }
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Path document : documents) {
            String text = Files.readString(document);
            Matcher links = link.matcher(text);
            while (links.find()) {
                String target = links.group(1);
                if (!target.contains(":")) {
                    checked++;
                    if (!Files.exists(document.getParent().resolve(target))) {
                        missing.add(root.relativize(document) + " links to " + target);
                    }
                }
            }
            Matcher paths = named.matcher(text);
            while (paths.find()) {
                String path = paths.group(1);
                if (!DistributedConfigurationTest.OPERATOR_FILES.contains(Path.of(path).getFileName().toString())) {
                    checked++;
                    if (!Files.exists(root.resolve(path))) {
                        missing.add(root.relativize(document) + " names " + path);
                    }
                }
            }
        }

        assertThat(checked).isGreaterThan(50);
        assertThat(missing).isEmpty();
    }

    private void assertSameFiles(String directory, List<String> expected) throws IOException {
        assertThat(JamesSamples.fileNames(root.resolve(directory))).as(directory).containsExactlyElementsOf(expected);
        for (String file : expected) {
            assertThat(root.resolve(directory).resolve(file)).as(directory + "/" + file)
                .hasSameBinaryContentAs(JamesSamples.ROOT.resolve(directory).resolve(file));
        }
    }

    private static Map<String, Object> compose(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
        }
    }

    private static String image(Map<String, Object> services, String service) {
        assertThat(services).containsKey(service);
        return (String) map(services.get(service)).get("image");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        assertThat(yaml).isInstanceOf(Map.class);
        return (Map<String, Object>) yaml;
    }

    /** Runs a command, its output for the assertion messages; fails unless it exits 0 within ten minutes. */
    private static String run(Path directory, List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("smtpplus-package", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
            assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("%s ends", command).isTrue();
            String log = Files.readString(output);
            assertThat(process.exitValue()).as("%s in %s exits 0; its output:%n%s", command, directory, log).isZero();
            return log;
        } catch (IOException e) {
            throw new IOException(command.get(0) + " does not run (is it installed? .ci/run installs docker-compose): "
                + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
