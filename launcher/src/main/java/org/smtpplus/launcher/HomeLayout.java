package org.smtpplus.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lays out SMTPPLUS_HOME as a James working directory: conf/ from the repository's conf/ with the
 * SMTPPLUS_* settings written in, the drop-in jar in extensions-jars/, and a self-signed keystore.
 * conf/ is rewritten at every start, so that the environment always wins; var/ and the keystore are kept.
 */
final class HomeLayout {
    // The address every SMTP server binds (smtpserver.xml's <bind>).
    static final String SMTP_ADDRESS = "0.0.0.0";
    // The <jmxName> of each <smtpserver> in conf/smtpserver.xml, whose <bind> port the launcher sets.
    private static final String SMTP_SERVER = "smtpserver-global";
    private static final String SUBMISSION_SERVER = "smtpserver-submission";
    private static final String SMTPS_SERVER = "smtpserver-smtps";
    // Must match <secret> in conf/smtpserver.xml.
    static final String KEYSTORE_SECRET = "smtpplus-keystore";
    // Keys whose SMTPPLUS_* variable is written as given, to be checked by SMTP+ before James starts; unset, the line
    // of conf/smtpplus.properties stands, with its default.
    static final List<String> PASSED_AS_SET = List.of("smtpplus.public.url", "smtpplus.public.port",
        "smtpplus.secret", "smtpplus.bounce.domain", "smtpplus.bounce.notifications", "smtpplus.bounce.digest.period",
        "smtpplus.gateway", "smtpplus.store", "smtpplus.scheduler", "smtpplus.cassandra", "smtpplus.cassandra.keyspace",
        "smtpplus.stats", "smtpplus.opensearch", "smtpplus.opensearch.index.prefix", "smtpplus.public.bind", "smtpplus.public.rate.limit",
        "smtpplus.opensearch.memory.max.events", "smtpplus.opensearch.journal.max.size", "smtpplus.postmaster",
        "smtpplus.auth.failures.per.address", "smtpplus.auth.failures.per.account", "smtpplus.auth.lockout",
        "smtpplus.webadmin.hosts", "smtpplus.hostname", "smtpplus.dkim.domain", "smtpplus.dns", "smtpplus.egress.ips",
        "smtpplus.bounce.phrases", "smtpplus.backlog.limit");
    // Named by jwt.publickeypem.url in conf/webadmin.properties.
    static final String JWT_KEY_FILE = "webadmin-jwt-public.pem";

    private final LauncherSettings settings;
    private final Path confSource;
    private final Path bundleJar;

    HomeLayout(LauncherSettings settings, Path confSource, Path bundleJar) {
        this.settings = settings;
        this.confSource = confSource;
        this.bundleJar = bundleJar;
    }

    Path prepare() throws IOException, InterruptedException {
        Path home = settings.home();
        Path conf = home.resolve("conf");
        Path extensions = home.resolve("extensions-jars");
        try {
            Files.createDirectories(conf);
            Files.createDirectories(extensions);
            Files.createDirectories(home.resolve("var"));
        } catch (IOException e) {
            throw new IllegalArgumentException("SMTPPLUS_HOME=" + home + ": cannot be James's working directory (" + e + ")");
        }

        copyConf(conf);
        writeSettings(conf);
        installBundle(extensions);
        ensureKeystore(conf.resolve("keystore"));
        return home;
    }

    private void copyConf(Path conf) throws IOException {
        if (!Files.isRegularFile(confSource.resolve("mailetcontainer.xml"))) {
            throw new IOException("No James configuration in " + confSource + " (mailetcontainer.xml is missing)");
        }
        try (Stream<Path> files = Files.list(confSource)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Files.copy(file, conf.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void writeSettings(Path conf) throws IOException {
        // Unset, James names the machine in its greeting and Received headers, as SMTP+ does in smtpplus.hostname. A
        // value that is no host name is left to SMTP+'s check at start, which names it, rather than written into XML.
        Optional<String> hostname = settings.ofKey("smtpplus.hostname").filter(name -> name.matches("[A-Za-z0-9.-]{1,253}"));
        JamesXml smtp = JamesXml.read(conf.resolve("smtpserver.xml"));
        writeServer(smtp, SMTP_SERVER, settings.smtpPort(), hostname);
        writeServer(smtp, SUBMISSION_SERVER, settings.submissionPort(), hostname);
        writeServer(smtp, SMTPS_SERVER, settings.smtpsPort(), hostname);
        smtp.write();

        // javax.mail names it in the Message-ID of the mail James writes itself: its sessions read System properties.
        Path jvm = conf.resolve("jvm.properties");
        Files.writeString(jvm, setProperty(jvm, Files.readString(jvm, StandardCharsets.UTF_8), "mail.host", hostname.orElse("")),
            StandardCharsets.UTF_8);

        Path webadmin = conf.resolve("webadmin.properties");
        String webadminProperties = setProperty(webadmin, Files.readString(webadmin, StandardCharsets.UTF_8),
            "port", String.valueOf(settings.webadminPort()));
        webadminProperties = writeJwtKey(conf, webadmin, webadminProperties);
        Files.writeString(webadmin, webadminProperties, StandardCharsets.UTF_8);

        Path smtpplus = conf.resolve("smtpplus.properties");
        String properties = Files.readString(smtpplus, StandardCharsets.UTF_8);
        for (String key : PASSED_AS_SET) {
            properties = setPropertyIfSet(smtpplus, properties, key, settings.ofKey(key));
        }
        // It holds smtpplus.secret.
        writeOwnerOnly(smtpplus, properties);
    }

    private void writeServer(JamesXml smtp, String jmxName, int port, Optional<String> hostname) throws IOException {
        JamesXml.Section server = smtp.byJmxName("smtpserver", jmxName)
            .set("bind", SMTP_ADDRESS + ":" + port)
            .set("authorizedAddresses", settings.trustedNetworks())
            .set("connectionLimitPerIP", String.valueOf(settings.connectionsPerIp()));
        if (hostname.isPresent()) {
            server.setAttribute("helloName", "autodetect", "false").set("helloName", hostname.get());
        }
    }

    // SMTPPLUS_WEBADMIN_JWT_PUBLIC_KEY: the key into conf/, and James's JWT filter on. Without it no key is left behind.
    private String writeJwtKey(Path conf, Path webadmin, String properties) throws IOException {
        Path key = conf.resolve(JWT_KEY_FILE);
        Optional<String> pem = settings.webadminJwtPublicKey();
        if (pem.isEmpty()) {
            Files.deleteIfExists(key);
            return properties;
        }
        Files.writeString(key, pem.get(), StandardCharsets.US_ASCII);
        String enabled = setProperty(webadmin, properties, "jwt.enabled", "true");
        return setProperty(webadmin, enabled.replace("#jwt.publickeypem.url=", "jwt.publickeypem.url="),
            "jwt.publickeypem.url", "file://conf/" + JWT_KEY_FILE);
    }

    // Written whole into a file only its owner can read, then moved over the old one: the secret is never in a file
    // others can read, not even for a moment.
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: its default permissions apply.
            }
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String setPropertyIfSet(Path file, String content, String key, Optional<String> value) throws IOException {
        return value.isPresent() ? setProperty(file, content, key, value.get()) : content;
    }

    private static String setProperty(Path file, String content, String key, String value) throws IOException {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(key) + "=.*$").matcher(content);
        if (!matcher.find()) {
            throw new IOException(file + " has no line " + key + "= to set");
        }
        return matcher.replaceFirst(Matcher.quoteReplacement(key + "=" + value));
    }

    private void installBundle(Path extensions) throws IOException {
        if (!Files.isRegularFile(bundleJar)) {
            throw new IOException("The SMTP+ drop-in jar " + bundleJar + " does not exist: build it with mvn package");
        }
        try (Stream<Path> jars = Files.list(extensions)) {
            for (Path jar : (Iterable<Path>) jars.filter(path -> path.getFileName().toString().startsWith("smtpplus-"))::iterator) {
                Files.delete(jar);
            }
        }
        Files.copy(bundleJar, extensions.resolve(bundleJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void ensureKeystore(Path keystore) throws IOException, InterruptedException {
        if (Files.exists(keystore)) {
            return;
        }
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        // ECDSA P-256 (RFC 8446 section 4.2.3): a full TLS handshake costs the relay about a quarter less CPU than with
        // RSA 2048, and web applications make one for every message (docs/operator-guide.md#smtp-authentication).
        Process process = new ProcessBuilder(List.of(keytool.toString(),
            "-genkeypair", "-alias", "smtpplus", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
            "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
            "-storetype", "PKCS12", "-keystore", keystore.toString(),
            "-storepass", KEYSTORE_SECRET, "-keypass", KEYSTORE_SECRET))
            .redirectErrorStream(true)
            .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool could not create " + keystore + ": " + output);
        }
    }
}
