package org.smtpplus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The home ./smtpplus run lays out, from the repository's conf/. */
class HomeLayoutTest {
    private static final Path CONF = Path.of("..", "conf").toAbsolutePath().normalize();
    private static final String SECRET = "0927e2ea4c054eedf3a2d461e7da9a9eadb15ba2f9920f50f9403e99efacae5e";

    @TempDir
    Path directory;

    @Test
    void theSettingsFileHoldingTheSecretIsReadableByItsOwnerOnly() throws Exception {
        Path home = prepare(Map.of("SMTPPLUS_SECRET", SECRET, "SMTPPLUS_WEBADMIN_HOSTS", "admin.example"));

        Path settings = home.resolve("conf/smtpplus.properties");
        assertThat(Files.readString(settings)).contains("smtpplus.secret=" + SECRET, "smtpplus.webadmin.hosts=admin.example");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings))).isEqualTo("rw-------");
        assertThat(Files.list(home.resolve("conf")).map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
    }

    @Test
    void aSetVariableReplacesItsLineAndAnUnsetOneLeavesTheShippedDefault() throws Exception {
        Path home = prepare(Map.of("SMTPPLUS_PUBLIC_PORT", "9091", "SMTPPLUS_GATEWAY", " "));

        assertThat(Files.readString(home.resolve("conf/smtpplus.properties")))
            .contains("\nsmtpplus.public.port=9091\n", "\nsmtpplus.public.url=\n", "\nsmtpplus.gateway=\n", "\nsmtpplus.store=memory\n");
    }

    @Test
    void aJwtKeyTurnsJamesJwtFilterOnAndItsAbsenceOff() throws Exception {
        String pem = WebAdminJwtKeyTest.pem(WebAdminJwtKeyTest.KEYS.getPublic());

        Path home = prepare(Map.of("SMTPPLUS_WEBADMIN_JWT_PUBLIC_KEY", pem));

        assertThat(Files.readString(home.resolve("conf/webadmin-jwt-public.pem"))).isEqualTo(pem);
        assertThat(Files.readString(home.resolve("conf/webadmin.properties")))
            .contains("\njwt.enabled=true\n", "\njwt.publickeypem.url=file://conf/webadmin-jwt-public.pem\n")
            .doesNotContain("jwt.enabled=false");

        prepare(Map.of());

        assertThat(home.resolve("conf/webadmin-jwt-public.pem")).doesNotExist();
        assertThat(Files.readString(home.resolve("conf/webadmin.properties")))
            .contains("\njwt.enabled=false\n", "\n#jwt.publickeypem.url=")
            .doesNotContain("\njwt.publickeypem.url");
    }

    @Test
    void theHostnameNamesTheSmtpServersAndJamesOwnMessageIds() throws Exception {
        Path home = prepare(Map.of("SMTPPLUS_HOSTNAME", "relay.example.net"));

        assertThat(Files.readString(home.resolve("conf/smtpserver.xml")))
            .contains("<helloName autodetect=\"false\">relay.example.net</helloName>")
            .doesNotContain("autodetect=\"true\"");
        assertThat(Files.readString(home.resolve("conf/jvm.properties"))).contains("\nmail.host=relay.example.net\n");

        prepare(Map.of());

        assertThat(Files.readString(home.resolve("conf/smtpserver.xml"))).contains("<helloName autodetect=\"true\"/>");
        assertThat(Files.readString(home.resolve("conf/jvm.properties"))).contains("\nmail.host=\n");
    }

    @Test
    void everySmtpSettingAppliesToAReformattedSmtpServerXml() throws Exception {
        // What an editor or an operator may do to the file: none of it changes what James reads.
        Path source = copyOfConf();
        Path smtpserver = source.resolve("smtpserver.xml");
        String reformatted = Files.readString(smtpserver)
            .replace("<smtpserver enabled=\"true\">", "<smtpserver\n        enabled='true' >")
            .replace("<jmxName>smtpserver-submission</jmxName>", "<jmxName>\n    smtpserver-submission\n  </jmxName>")
            .replace("<bind>0.0.0.0:2525</bind>", "<bind>\n            0.0.0.0:2525\n        </bind>")
            .replace("<bind>0.0.0.0:5870</bind>", "<bind><!-- submission -->0.0.0.0:5870</bind>")
            .replace("<bind>0.0.0.0:4650</bind>", "<bind >  0.0.0.0:4650</bind >")
            .replace("<authorizedAddresses></authorizedAddresses>", "<authorizedAddresses/>")
            .replace("<connectionLimitPerIP>50</connectionLimitPerIP>", "<connectionLimitPerIP> 50 </connectionLimitPerIP>")
            .replace("<helloName autodetect=\"true\"/>", "<helloName  autodetect = 'true' ></helloName>")
            .replace("\n", "\r\n");
        assertThat(reformatted).doesNotContain("<bind>0.0.0.0:", "<authorizedAddresses></authorizedAddresses>",
            "<connectionLimitPerIP>50<", "<helloName autodetect=\"true\"/>");
        Files.writeString(smtpserver, reformatted);

        Path home = prepare(source, Map.of("SMTPPLUS_SMTP_PORT", "3525", "SMTPPLUS_SUBMISSION_PORT", "3587",
            "SMTPPLUS_SMTPS_PORT", "3465", "SMTPPLUS_TRUSTED_NETWORKS", "10.0.0.0/8, 192.0.2.0/24",
            "SMTPPLUS_CONNECTIONS_PER_IP", "7", "SMTPPLUS_HOSTNAME", "relay.example.net"));

        Map<String, HierarchicalConfiguration<ImmutableNode>> servers = smtpServersAsJamesReadsThem(home);
        assertThat(servers).containsOnlyKeys("smtpserver-global", "smtpserver-submission", "smtpserver-smtps");
        assertThat(servers.get("smtpserver-global").getString("bind")).isEqualTo("0.0.0.0:3525");
        assertThat(servers.get("smtpserver-submission").getString("bind")).isEqualTo("0.0.0.0:3587");
        assertThat(servers.get("smtpserver-smtps").getString("bind")).isEqualTo("0.0.0.0:3465");
        assertThat(servers.values()).allSatisfy(server -> {
            assertThat(server.getString("authorizedAddresses")).isEqualTo("10.0.0.0/8, 192.0.2.0/24");
            assertThat(server.getInt("connectionLimitPerIP")).isEqualTo(7);
            assertThat(server.getBoolean("helloName.[@autodetect]")).isFalse();
            assertThat(server.getString("helloName")).isEqualTo("relay.example.net");
            assertThat(server.getString("tls.secret")).isEqualTo(HomeLayout.KEYSTORE_SECRET);
        });
        assertThat(Files.readString(home.resolve("conf/smtpserver.xml")))
            .as("comments are kept").contains("<!-- SMTPS (SMTPPLUS_SMTPS_PORT): implicit TLS. -->");
    }

    @Test
    void anSmtpServerOrSettingMissingFromSmtpServerXmlNamesTheFileAndTheElement() throws Exception {
        Path source = copyOfConf();
        Path smtpserver = source.resolve("smtpserver.xml");
        String shipped = Files.readString(smtpserver);
        Files.writeString(smtpserver, shipped.replace("<jmxName>smtpserver-smtps</jmxName>", "<jmxName>smtps</jmxName>"));

        assertThatThrownBy(() -> prepare(source, Map.of())).isInstanceOf(IOException.class)
            .hasMessageContaining("smtpserver.xml has no <smtpserver> with <jmxName>smtpserver-smtps</jmxName>");

        int submission = shipped.indexOf("<jmxName>smtpserver-submission</jmxName>");
        int limit = shipped.indexOf("<connectionLimitPerIP>", submission);
        Files.writeString(smtpserver, shipped.substring(0, limit)
            + shipped.substring(shipped.indexOf("</connectionLimitPerIP>", limit) + "</connectionLimitPerIP>".length()));

        assertThatThrownBy(() -> prepare(source, Map.of())).isInstanceOf(IOException.class)
            .hasMessageContaining(directory.resolve("home/conf/smtpserver.xml").toString())
            .hasMessageContaining("<smtpserver> with <jmxName>smtpserver-submission</jmxName> has no <connectionLimitPerIP> element");
    }

    // conf/smtpserver.xml read as James 3.8.1 reads it (commons-configuration2), each server by its jmxName.
    private static Map<String, HierarchicalConfiguration<ImmutableNode>> smtpServersAsJamesReadsThem(Path home) throws Exception {
        XMLConfiguration configuration = new XMLConfiguration();
        try (Reader reader = Files.newBufferedReader(home.resolve("conf/smtpserver.xml"))) {
            new FileHandler(configuration).load(reader);
        }
        List<HierarchicalConfiguration<ImmutableNode>> servers = configuration.configurationsAt("smtpserver");
        return servers.stream().collect(Collectors.toMap(server -> server.getString("jmxName").trim(), server -> server));
    }

    private Path copyOfConf() throws IOException {
        Path copy = Files.createDirectories(directory.resolve("conf-source"));
        try (Stream<Path> files = Files.list(CONF)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    private Path prepare(Map<String, String> settings) throws Exception {
        return prepare(CONF, settings);
    }

    private Path prepare(Path confSource, Map<String, String> settings) throws Exception {
        Path bundle = directory.resolve("smtpplus-bundle-test.jar");
        Files.write(bundle, new byte[] {'P', 'K'});
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("SMTPPLUS_HOME", directory.resolve("home").toString());
        return new HomeLayout(new LauncherSettings(environment), confSource, bundle).prepare();
    }
}
