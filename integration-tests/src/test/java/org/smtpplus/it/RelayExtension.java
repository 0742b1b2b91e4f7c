package org.smtpplus.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

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
    private final Map<String, String> settings = new HashMap<>();
    private GreenMail gateway;
    private RelayProcess relay;
    private WebAdminClient webAdmin;

    RelayExtension withSetting(String name, String value) {
        settings.put(name, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        gateway = new GreenMail(new ServerSetup(RelayProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        gateway.start();
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("SMTPPLUS_GATEWAY", "127.0.0.1:" + gateway.getSmtp().getPort());
        Path home = Files.createTempDirectory("smtpplus-it-" + context.getRequiredTestClass().getSimpleName() + "-");
        relay = RelayProcess.start(home, environment);
        webAdmin = new WebAdminClient(relay.webadmin());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        gateway.purgeEmailFromAllMailboxes();
        webAdmin.deleteAllAccounts();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
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
        if (!gateway.waitForIncomingEmail(Duration.ofSeconds(30).toMillis(), count)) {
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
