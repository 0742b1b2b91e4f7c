package org.smtpplus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The packaged drop-in jar loads into a stock James 3.8.1: its classes are Java 11 bytecode (the images run Java 11),
 * none of them is a class James already has (James loads extension jars parent first: James's copy would win
 * silently), and every one of them, and every mailet, matcher, hook, route, Guice module and other class that conf/ or
 * conf-distributed/ names, loads against James 3.8.1's jars, those the launcher runs (launcher/target/james.classpath,
 * written by {@code mvn package}) without SMTP+'s own. James loads mailets and matchers by their simple name from its
 * standard packages too, as its GuiceMailetLoader and GuiceMatcherLoader do.
 */
class BundleClassesTest {
    /** Class file major version of Java 11 (JVMS 4.1). */
    private static final int JAVA_11 = 55;
    private static final String MAILETS = "org.apache.james.transport.mailets.";
    private static final String MATCHERS = "org.apache.james.transport.matchers.";
    /**
     * Classes conf-distributed/ names that only the distributed image has, all of them from James's own distributed
     * configuration (checked below): the launcher runs the memory server, and the distributed app's jars are not all
     * on Maven Central.
     */
    private static final Set<String> DISTRIBUTED_IMAGE_ONLY = Set.of(
        "org.apache.james.mailrepository.cassandra.CassandraMailRepository");

    private static Path bundleJar;
    private static List<Path> jamesJars;
    private static URLClassLoader james;

    @BeforeAll
    static void jars() throws IOException {
        String version = System.getProperty("smtpplus.version");
        bundleJar = JamesSamples.ROOT.resolve("bundle/target/smtpplus-bundle-" + version + ".jar");
        Path classpath = JamesSamples.ROOT.resolve("launcher/target/james.classpath");
        assertThat(bundleJar).as("run mvn package (or verify) from the repository root first").isRegularFile();
        assertThat(classpath).as("run mvn package (or verify) from the repository root first").isRegularFile();
        jamesJars = Arrays.stream(Files.readString(classpath).trim().split(":"))
            .map(Path::of)
            .filter(jar -> !jar.getFileName().toString().startsWith("smtpplus-"))
            .collect(Collectors.toList());
        List<URL> urls = new ArrayList<>();
        for (Path jar : jamesJars) {
            urls.add(url(jar));
        }
        // After James's jars, as James's extension class loader finds a class in James before the extension.
        urls.add(url(bundleJar));
        james = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    @AfterAll
    static void close() throws IOException {
        james.close();
    }

    @Test
    void everyClassOfTheBundleIsJava11Bytecode() throws IOException {
        Map<String, Integer> newer = new TreeMap<>();
        Map<String, Integer> smtpPlusNotJava11 = new TreeMap<>();
        try (JarFile jar = new JarFile(bundleJar.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (!isClass(entry)) {
                    continue;
                }
                int major = majorVersion(jar, entry);
                if (major > JAVA_11) {
                    newer.put(entry.getName(), major);
                }
                if (entry.getName().startsWith("org/smtpplus/") && major != JAVA_11) {
                    smtpPlusNotJava11.put(entry.getName(), major);
                }
            }
        }

        assertThat(newer).as("classes a Java 11 James cannot load").isEmpty();
        assertThat(smtpPlusNotJava11).as("SMTP+ classes compiled with --release 11").isEmpty();
    }

    @Test
    void theBundleCarriesNoClassJamesHas() throws IOException {
        Set<String> bundle = classEntries(bundleJar);
        Map<String, String> shadowed = new TreeMap<>();
        for (Path jar : jamesJars) {
            if (Files.isRegularFile(jar)) {
                for (String entry : classEntries(jar)) {
                    if (bundle.contains(entry)) {
                        shadowed.put(entry, jar.getFileName().toString());
                    }
                }
            }
        }

        assertThat(bundle).as("the bundle's classes").isNotEmpty();
        assertThat(shadowed).as("classes of the bundle James has already (its copy would be loaded)").isEmpty();
    }

    @Test
    void everyClassOfTheBundleLoadsAgainstJames() throws IOException {
        List<String> failures = new ArrayList<>();
        for (String entry : classEntries(bundleJar)) {
            String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
            load(name).ifPresent(failures::add);
        }

        assertThat(failures).isEmpty();
    }

    @Test
    void everyClassTheConfigurationsNameLoadsAgainstJames() {
        List<String> failures = new ArrayList<>();
        Set<String> distributedOnly = new TreeSet<>();
        int checked = 0;
        for (Path directory : List.of(DistributedConfigurationTest.CONF, DistributedConfigurationTest.CONF_DISTRIBUTED)) {
            for (NamedClass named : namedClasses(directory)) {
                checked++;
                List<String> candidates = named.candidates();
                boolean loaded = candidates.stream().anyMatch(name -> load(name).isEmpty());
                if (loaded) {
                    continue;
                }
                if (directory.equals(DistributedConfigurationTest.CONF_DISTRIBUTED)
                        && DISTRIBUTED_IMAGE_ONLY.contains(named.name)) {
                    distributedOnly.add(named.name);
                } else {
                    failures.add(named.where + ": " + named.name + " (" + load(candidates.get(0)).orElse("") + ")");
                }
            }
        }
        Set<String> namedByJamesDistributedConfiguration = namedClasses(JamesSamples.DISTRIBUTED).stream()
            .map(named -> named.name).collect(Collectors.toSet());

        assertThat(checked).as("classes named").isGreaterThan(100);
        assertThat(failures).isEmpty();
        assertThat(distributedOnly).as("classes only the distributed image has").isEqualTo(DISTRIBUTED_IMAGE_ONLY);
        assertThat(namedByJamesDistributedConfiguration).containsAll(DISTRIBUTED_IMAGE_ONLY);
    }

    /** Why the class does not load, or empty when it does. */
    private static Optional<String> load(String name) {
        try {
            Class.forName(name, false, james);
            return Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of(name + ": " + e);
        }
    }

    /** A class a configuration names, where, and whether James would also look for it in a standard package. */
    private static final class NamedClass {
        final String name;
        final String where;
        final String standardPackage;

        NamedClass(String name, String where, String standardPackage) {
            this.name = name;
            this.where = where;
            this.standardPackage = standardPackage;
        }

        List<String> candidates() {
            return standardPackage == null ? List.of(name) : List.of(name, standardPackage + name);
        }
    }

    /**
     * The classes the files of a configuration directory name: in XML, the class attribute of any element (mailets,
     * SMTP handlers, repositories, logback's classes), a class element's text (listeners), and the matcher of a match
     * attribute (before its '=' condition; a composite matcher's own name is no class); in properties, the Guice
     * module and startables of extensions.properties, the routes of webadmin.properties and the health checks of
     * healthcheck.properties.
     */
    static List<NamedClass> namedClasses(Path directory) {
        List<NamedClass> named = new ArrayList<>();
        for (String file : JamesSamples.fileNames(directory)) {
            Path path = directory.resolve(file);
            if (file.endsWith(".xml")) {
                Element root = CanonicalConfiguration.xml(path);
                Set<String> compositeNames = new TreeSet<>();
                NodeList matchers = root.getElementsByTagName("matcher");
                for (int i = 0; i < matchers.getLength(); i++) {
                    String name = ((Element) matchers.item(i)).getAttribute("name");
                    if (!name.isEmpty()) {
                        compositeNames.add(name);
                    }
                }
                NodeList elements = root.getElementsByTagName("*");
                for (int i = -1; i < elements.getLength(); i++) {
                    Element element = i < 0 ? root : (Element) elements.item(i);
                    String where = file + " <" + element.getTagName() + ">";
                    String mailetPackage = element.getTagName().equals("mailet") ? MAILETS : null;
                    if (!element.getAttribute("class").isEmpty()) {
                        named.add(new NamedClass(element.getAttribute("class"), where, mailetPackage));
                    }
                    String match = element.getAttribute("match");
                    if (!match.isEmpty()) {
                        String matcher = match.split("=", 2)[0];
                        if (!compositeNames.contains(matcher)) {
                            named.add(new NamedClass(matcher, where, MATCHERS));
                        }
                    }
                    if (element.getTagName().equals("class")) {
                        named.add(new NamedClass(element.getTextContent().trim(), where, null));
                    }
                }
            } else if (file.endsWith(".properties")) {
                Map<String, String> properties = CanonicalConfiguration.properties(path);
                for (String key : List.of("guice.extension.module", "guice.extension.startable", "extensions.routes",
                        "additional.healthchecks")) {
                    String value = properties.getOrDefault(key, "");
                    for (String name : value.split(",")) {
                        if (!name.isBlank()) {
                            named.add(new NamedClass(name.trim(), file + " " + key, null));
                        }
                    }
                }
            }
        }
        return named;
    }

    private static boolean isClass(JarEntry entry) {
        return entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")
            && !entry.getName().startsWith("META-INF/");
    }

    private static Set<String> classEntries(Path jarPath) throws IOException {
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            return Collections.list(jar.entries()).stream().filter(BundleClassesTest::isClass).map(JarEntry::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** JVMS 4.1: u4 magic, u2 minor_version, u2 major_version. */
    private static int majorVersion(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry); DataInputStream data = new DataInputStream(in)) {
            assertThat(data.readInt()).as(entry.getName()).isEqualTo(0xCAFEBABE);
            data.readUnsignedShort();
            return data.readUnsignedShort();
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
