package org.smtpplus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

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

    private Path prepare(Map<String, String> settings) throws Exception {
        Path bundle = directory.resolve("smtpplus-bundle-test.jar");
        Files.write(bundle, new byte[] {'P', 'K'});
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("SMTPPLUS_HOME", directory.resolve("home").toString());
        return new HomeLayout(new LauncherSettings(environment), CONF, bundle).prepare();
    }
}
