package org.smtpplus.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;

/**
 * {@code ./smtpplus run}: a stock James 3.8.1 memory server ({@link SmtpPlusServer}), in this JVM and in the
 * foreground, working in SMTPPLUS_HOME with the SMTP+ drop-in jar loaded from extensions-jars/ as an operator's James
 * loads it.
 *
 * <p>System properties: {@code smtpplus.conf.source} (the repository's conf/) and {@code smtpplus.bundle.jar}.
 * Nothing may log before the home is laid out: logback reads conf/logback.xml from it on first use.
 *
 * <p>The console of a normal start is a line naming the home and the log file, the demo account and the ready line:
 * James's own lines go to the log file conf/logback.xml names, and only its warnings and errors to the console too.
 *
 * <p>Every setting and every listener's port is checked before James starts: one that is wrong stops the launcher
 * with one line naming the setting as the user set it, its value and what is expected, and exit status 1. So is the
 * durable mail queue's directory with the cassandra store ({@link DurableQueueStore}).
 */
public final class SmtpPlusLauncher {
    private static final String PUBLIC_URL = "smtpplus.public.url";
    private static final String PUBLIC_BIND = "smtpplus.public.bind";
    private static final String PUBLIC_PORT = "smtpplus.public.port";
    private static final String STORE = "smtpplus.store";

    private SmtpPlusLauncher() {
    }

    public static void main(String[] args) {
        LauncherSettings settings = new LauncherSettings(System.getenv());
        Map<String, String> checked;
        Path home;
        boolean durableQueue;
        try {
            Path bundleJar = Path.of(requiredProperty("smtpplus.bundle.jar"));
            home = new HomeLayout(settings, Path.of(requiredProperty("smtpplus.conf.source")), bundleJar).prepare();
            checked = BundleSettingsCheck.check(bundleJar, home.resolve("conf/smtpplus.properties"), settings);
            new ListenerPorts()
                .add("SMTPPLUS_SMTP_PORT", HomeLayout.SMTP_ADDRESS, settings.smtpPort())
                .add("SMTPPLUS_SUBMISSION_PORT", HomeLayout.SMTP_ADDRESS, settings.submissionPort())
                .add("SMTPPLUS_SMTPS_PORT", HomeLayout.SMTP_ADDRESS, settings.smtpsPort())
                .add("SMTPPLUS_WEBADMIN_PORT", webadminHost(home), settings.webadminPort())
                .add(settings.nameOf(PUBLIC_PORT), checked.get(PUBLIC_BIND), Integer.parseInt(checked.get(PUBLIC_PORT)))
                .ensureFree();
            // With the cassandra store the mail queue is durable (DurableMailQueueModule); its KahaDB logs when checked.
            durableQueue = "cassandra".equals(checked.get(STORE));
            configureJames(home);
            if (durableQueue) {
                new DurableQueueStore(home).check();
            }
        } catch (IllegalArgumentException e) {
            // A setting the user can correct: the message says which, and a stack trace would bury it.
            refuse(e.getMessage());
            return;
        } catch (IOException e) {
            // The home, conf/ or the drop-in jar: the message names the file.
            refuse(e.toString());
            return;
        } catch (Exception e) {
            fail(e);
            return;
        }
        Optional<Path> log = Optional.empty();
        try {
            log = logFile();
            System.out.println("SMTP+ starting in " + home + log.map(file -> ", full log in " + file).orElse("")
                + (durableQueue ? ", mail queue in " + home.resolve(DurableQueueStore.DIRECTORY) : ""));
            SmtpPlusServer.start(durableQueue);

            boolean jwt = settings.webadminJwtPublicKey().isPresent();
            if (jwt) {
                // The launcher holds no private key, so it cannot call WebAdmin: the operator creates the first account.
                System.out.println();
                System.out.println("SMTP+ WebAdmin requires a JWT (" + WebAdminJwtKey.VARIABLE + "): no demo account was created. "
                    + "Create an account with an admin token (docs/operator-guide.md, WebAdmin authentication):");
                System.out.println("  curl -X PUT -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' "
                    + "-d '{\"password\":\"...\"}' "
                    + "http://127.0.0.1:" + settings.webadminPort() + "/smtpplus/accounts/demo");
                System.out.println();
            } else {
                new DemoAccount(settings.webadminPort()).createWhenNoAccountExists();
            }
            System.out.println("SMTP+ relay ready: SMTP " + settings.smtpPort() + ", submission " + settings.submissionPort()
                + ", SMTPS " + settings.smtpsPort() + ", WebAdmin http://127.0.0.1:" + settings.webadminPort()
                + (jwt ? " (JWT required)" : "") + ", links in mail " + checked.get(PUBLIC_URL)
                + log.map(file -> ", full log in " + file).orElse(""));
        } catch (Exception e) {
            fail(e, log);
        }
    }

    // James's working directory and its logging, read on first use: from here on the launcher may log.
    private static void configureJames(Path home) {
        System.setProperty("working.directory", home + "/");
        System.setProperty("logback.configurationFile", home.resolve("conf/logback.xml").toString());
        System.setProperty("extra.props", home.resolve("conf/jvm.properties").toString());
    }

    // The file conf/logback.xml sends the full log to (its first file appender's), read from logback itself so that an
    // operator's edit of that file is what the console names. The first call reads conf/logback.xml.
    private static Optional<Path> logFile() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext)) {
            return Optional.empty();
        }
        for (Logger logger : ((LoggerContext) factory).getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> appenders = logger.iteratorForAppenders(); appenders.hasNext(); ) {
                Appender<ILoggingEvent> appender = appenders.next();
                if (appender instanceof FileAppender) {
                    return Optional.of(Path.of(((FileAppender<ILoggingEvent>) appender).getFile()).normalize());
                }
            }
        }
        return Optional.empty();
    }

    private static void refuse(String line) {
        System.err.println("SMTP+ could not start: " + line);
        System.exit(1);
    }

    private static void fail(Exception e) {
        fail(e, Optional.empty());
    }

    private static void fail(Exception e, Optional<Path> log) {
        System.err.println("SMTP+ could not start: " + e + log.map(file -> " (full log in " + file + ")").orElse(""));
        e.printStackTrace();
        System.exit(1);
    }

    // The address WebAdmin binds, as conf/webadmin.properties names it.
    private static String webadminHost(Path home) throws IOException {
        Properties webadmin = new Properties();
        try (Reader reader = Files.newBufferedReader(home.resolve("conf/webadmin.properties"), StandardCharsets.ISO_8859_1)) {
            webadmin.load(reader);
        }
        return webadmin.getProperty("host", "0.0.0.0").trim();
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("System property " + name + " is required");
        }
        return value;
    }
}
