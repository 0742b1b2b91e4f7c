package org.smtpplus.launcher;

import java.nio.file.Path;

import org.apache.james.MemoryJamesServerMain;

/**
 * {@code ./smtpplus run}: a stock James 3.8.1 memory server, in this JVM and in the foreground, working in
 * SMTPPLUS_HOME with the SMTP+ drop-in jar loaded from extensions-jars/ as an operator's James loads it.
 *
 * <p>System properties: {@code smtpplus.conf.source} (the repository's conf/) and {@code smtpplus.bundle.jar}.
 * Nothing may log before the home is laid out: logback reads conf/logback.xml from it on first use.
 */
public final class SmtpPlusLauncher {
    private SmtpPlusLauncher() {
    }

    public static void main(String[] args) {
        try {
            LauncherSettings settings = new LauncherSettings(System.getenv());
            Path home = new HomeLayout(settings,
                Path.of(requiredProperty("smtpplus.conf.source")),
                Path.of(requiredProperty("smtpplus.bundle.jar")))
                .prepare();

            System.setProperty("working.directory", home + "/");
            System.setProperty("logback.configurationFile", home.resolve("conf/logback.xml").toString());
            System.setProperty("extra.props", home.resolve("conf/jvm.properties").toString());
            MemoryJamesServerMain.main(new String[0]);

            boolean jwt = settings.webadminJwtPublicKey().isPresent();
            if (jwt) {
                // The launcher holds no private key, so it cannot call WebAdmin: the operator creates the first account.
                System.out.println();
                System.out.println("SMTP+ WebAdmin requires a JWT (" + WebAdminJwtKey.VARIABLE + "): no demo account was created. "
                    + "Create an account with an admin token (docs/operator-guide.md, WebAdmin authentication):");
                System.out.println("  curl -X PUT -H \"Authorization: Bearer $TOKEN\" -d '{\"password\":\"...\"}' "
                    + "http://127.0.0.1:" + settings.webadminPort() + "/smtpplus/accounts/demo");
                System.out.println();
            } else {
                new DemoAccount(settings.webadminPort()).createWhenNoAccountExists();
            }
            System.out.println("SMTP+ relay ready: SMTP " + settings.smtpPort() + ", submission " + settings.submissionPort()
                + ", SMTPS " + settings.smtpsPort() + ", WebAdmin http://127.0.0.1:" + settings.webadminPort()
                + (jwt ? " (JWT required)" : ""));
        } catch (Exception e) {
            System.err.println("SMTP+ could not start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("System property " + name + " is required");
        }
        return value;
    }
}
