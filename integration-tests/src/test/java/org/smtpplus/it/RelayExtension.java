package org.smtpplus.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.smtpplus.testing.cassandra.CassandraExtension;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * One relay and one GreenMail gateway per test class: the relay delivers everything through GreenMail
 * (SMTPPLUS_GATEWAY), so tests read what each recipient received. Before each test the gateway's mailboxes and
 * the relay's accounts are emptied.
 */
final class RelayExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final Map<String, Supplier<String>> settings = new HashMap<>();
    private final List<RelayProcess> otherNodes = new ArrayList<>();
    // 32 random bytes, as `openssl rand -hex 32` makes the key the operator guide asks for.
    private final String secret = randomKey();
    private Supplier<String> webAdminToken = () -> null;
    private boolean refusingGateway;
    // file of conf/ -> {text, replacement}, applied to a copy of the shipped conf/
    private final Map<String, List<String[]>> confEdits = new HashMap<>();
    private final List<String> guiceModules = new ArrayList<>();
    private RelayProcess.Launch launch = RelayProcess.Launch.SHIPPED;
    private GreenMail gateway;
    private RelayProcess relay;
    private WebAdminClient webAdmin;
    private String testClass;

    RelayExtension withSetting(String name, String value) {
        return withSetting(name, () -> value);
    }

    /**
     * The Cassandra store on the Cassandra of {@code cassandra}, in a keyspace of its own (a name from
     * {@code keyspacePrefix} and a random part), so that test classes sharing one Cassandra never see each other's data.
     */
    RelayExtension withCassandraStore(CassandraExtension cassandra, String keyspacePrefix) {
        String keyspace = keyspacePrefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return withSetting("SMTPPLUS_STORE", "cassandra")
            .withSetting("SMTPPLUS_CASSANDRA", () -> cassandra.cassandra().contactPoint())
            .withSetting("SMTPPLUS_CASSANDRA_KEYSPACE", keyspace);
    }

    /**
     * A gateway that refuses {@code defer...@} (451) and {@code bounce...@} (550 5.1.1) recipients at RCPT, and
     * {@code later...@} ones (451) at their first attempt only ({@link RefusingGreenMail}).
     */
    RelayExtension withRefusingGateway() {
        refusingGateway = true;
        return this;
    }

    /**
     * The relay's conf/ with {@code text} replaced by {@code replacement} in {@code file}: a copy of the shipped
     * conf/, made before the relay starts; a text not in the file fails the start.
     */
    RelayExtension withConfEdit(String file, String text, String replacement) {
        confEdits.computeIfAbsent(file, name -> new ArrayList<>()).add(new String[] {text, replacement});
        return this;
    }

    /**
     * A Guice module, by class name, of this module's test classes, whose bindings override James's in the relay (the
     * launcher's test hook): named rather than referenced, as its classes are James's, which the relay's JVM has and
     * this one does not.
     */
    RelayExtension withGuiceOverride(String moduleClassName) {
        guiceModules.add(moduleClassName);
        return this;
    }

    /** A token the WebAdmin client sends on every call (the relay's readiness probe, /healthcheck, needs none). */
    RelayExtension withWebAdminToken(Supplier<String> token) {
        webAdminToken = token;
        return this;
    }

    /** A setting known only once the tests start, such as the port of a Cassandra started by another extension. */
    RelayExtension withSetting(String name, Supplier<String> value) {
        settings.put(name, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ServerSetup setup = new ServerSetup(RelayProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        gateway = refusingGateway ? new RefusingGreenMail(setup) : new GatewayGreenMail(setup);
        gateway.start();
        testClass = context.getRequiredTestClass().getSimpleName();
        launch = new RelayProcess.Launch(
            confEdits.isEmpty() ? Optional.empty() : Optional.of(RelayProcess.editedConf(testClass, confEdits)), guiceModules);
        relay = startNode();
        webAdmin = new WebAdminClient(relay.webadmin(), webAdminToken.get());
    }

    /** Stops the relay and starts it again on the same home and settings (new ports): what a restart keeps. */
    void restart() throws Exception {
        Path home = relay.home();
        relay.close();
        relay = RelayProcess.start(home, environment(), launch);
        webAdmin = new WebAdminClient(relay.webadmin(), webAdminToken.get());
    }

    /** Kills the relay with kill -9 and starts it again on the same home and settings (new ports): what a crash keeps. */
    void crashAndRestart() throws Exception {
        Path home = relay.home();
        relay.kill();
        relay = RelayProcess.start(home, environment(), launch);
        webAdmin = new WebAdminClient(relay.webadmin(), webAdminToken.get());
    }

    /** Another relay with the same settings (a second James node), stopped after the test class. */
    RelayProcess startOtherNode() throws Exception {
        RelayProcess node = startNode();
        otherNodes.add(node);
        return node;
    }

    private RelayProcess startNode() throws Exception {
        Path home = Files.createTempDirectory("smtpplus-it-" + testClass + "-");
        return RelayProcess.start(home, environment(), launch);
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        settings.forEach((name, value) -> environment.put(name, value.get()));
        environment.putIfAbsent("SMTPPLUS_GATEWAY", "127.0.0.1:" + gateway.getSmtp().getPort());
        // Every node of a cluster shares the token key, as the operator guide asks.
        environment.putIfAbsent("SMTPPLUS_SECRET", secret);
        return environment;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        gateway.purgeEmailFromAllMailboxes();
        webAdmin.deleteAllAccounts();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (RelayProcess node : otherNodes) {
            node.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (gateway != null) {
            gateway.stop();
        }
    }

    RelayProcess relay() {
        return relay;
    }

    WebAdminClient webAdmin() {
        return webAdmin;
    }

    GreenMail gateway() {
        return gateway;
    }

    /** Waits until the gateway holds {@code count} messages in all, and returns them as raw bytes by envelope recipient. */
    Map<String, List<byte[]>> awaitDelivered(int count) {
        return awaitDelivered(count, Duration.ofSeconds(30));
    }

    Map<String, List<byte[]>> awaitDelivered(int count, Duration timeout) {
        if (!gateway.waitForIncomingEmail(timeout.toMillis(), count)) {
            throw new AssertionError("The gateway received " + gateway.getReceivedMessages().length + " messages, expected " + count);
        }
        return delivered();
    }

    /** Raw messages by envelope recipient (GreenMail keeps one mailbox per recipient); recipients with none left out. */
    Map<String, List<byte[]>> delivered() {
        return gateway.getUserManager().listUser().stream()
            .collect(Collectors.toMap(user -> user.getEmail().toLowerCase(Locale.ROOT),
                user -> gateway.findReceivedMessages(candidate -> candidate.equals(user), message -> true)
                    .map(RelayExtension::raw)
                    .collect(Collectors.toList())))
            .entrySet().stream()
            .filter(entry -> !entry.getValue().isEmpty())
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    int deliveredCount() {
        return gateway.getReceivedMessages().length;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        StringBuilder hex = new StringBuilder();
        for (byte b : key) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    private static byte[] raw(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
