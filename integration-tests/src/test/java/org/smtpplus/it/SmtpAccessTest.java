package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.it.SmtpClient.Reply;

/**
 * docs/operator-guide.md#security over real SMTP: TLS and AUTH per port, never an open relay, authorized senders,
 * recipient and size limits.
 */
class SmtpAccessTest {
    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension();

    private static final String ACCOUNT = "{\"password\":\"s3cret\"}";

    @Test
    void unauthenticatedClientCannotRelayAndNothingIsQueued() throws Exception {
        try (SmtpClient client = SmtpClient.connect(RELAY.relay().smtpPort())) {
            client.ehlo();
            assertThat(client.mailFrom("anyone@elsewhere.example").code()).isEqualTo(250);
            Reply rcpt = client.rcptTo("victim@example.com");

            assertThat(rcpt.code()).isBetween(500, 599);
            assertThat(rcpt.text()).startsWith("5.7.");
        }
        sendMarker();
        assertThat(RELAY.awaitDelivered(1)).containsOnlyKeys("marker@example.com");
    }

    @Test
    void withoutAPostmasterAddressNoLocalRecipientIsTakenNotEvenThePostmaster() throws Exception {
        try (SmtpClient client = SmtpClient.connect(RELAY.relay().smtpPort())) {
            client.ehlo();
            assertThat(client.mailFrom("anyone@elsewhere.example").code()).isEqualTo(250);
            for (String local : List.of("demo@localhost", "postmaster@localhost", "postmaster")) {
                Reply refused = client.rcptTo(local);
                assertThat(refused.code()).as(local).isEqualTo(550);
                assertThat(refused.text()).startsWith("5.1.1");
            }
        }
    }

    @Test
    void smtpPortOffersStartTlsAndAuthPlainAndLogin() throws Exception {
        RELAY.webAdmin().putAccount("shop", ACCOUNT);
        try (SmtpClient client = SmtpClient.connect(RELAY.relay().smtpPort())) {
            Reply ehlo = client.ehlo();
            assertThat(ehlo.text()).contains("STARTTLS");
            assertThat(client.startTls().code()).isEqualTo(220);
            assertThat(client.ehlo().text()).containsPattern("AUTH .*PLAIN").containsPattern("AUTH .*LOGIN");
            assertThat(client.authLogin("shop", "s3cret").code()).isEqualTo(235);
            assertThat(client.send("app@shop.example", List.of("bob@example.com"),
                Messages.simple("app@shop.example", "bob@example.com", "hi", "hello").getBytes()).code()).isEqualTo(250);
        }
        assertThat(RELAY.awaitDelivered(1)).containsOnlyKeys("bob@example.com");
    }

    @Test
    void submissionPortRequiresStartTlsBeforeAuth() throws Exception {
        RELAY.webAdmin().putAccount("shop", ACCOUNT);
        try (SmtpClient client = SmtpClient.connect(RELAY.relay().submissionPort())) {
            assertThat(client.ehlo().text()).contains("STARTTLS").doesNotContain("AUTH");
            SmtpClient.Reply refused = client.authPlain("shop", "s3cret");
            assertThat(refused.code()).isEqualTo(538);
            assertThat(refused.text()).startsWith("5.7.11");
            assertThat(client.authLogin("shop", "s3cret").code()).isEqualTo(538);

            client.startTls();
            assertThat(client.ehlo().text()).containsPattern("AUTH .*PLAIN");
            assertThat(client.authPlain("shop", "s3cret").code()).isEqualTo(235);
        }
    }

    @Test
    void smtpsPortSpeaksImplicitTls() throws Exception {
        RELAY.webAdmin().putAccount("shop", ACCOUNT);
        try (SmtpClient client = SmtpClient.connectTls(RELAY.relay().smtpsPort())) {
            assertThat(client.greeting().code()).isEqualTo(220);
            client.ehlo();
            assertThat(client.authPlain("shop", "s3cret").code()).isEqualTo(235);
        }
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        RELAY.webAdmin().putAccount("shop", ACCOUNT);
        try (SmtpClient client = SmtpClient.connect(RELAY.relay().smtpPort())) {
            client.ehlo();
            assertThat(client.authPlain("shop", "wrong").code()).isEqualTo(535);
            assertThat(client.authPlain("nobody", "s3cret").code()).isEqualTo(535);
        }
    }

    @Test
    void addressLikeAccountNamesAuthenticate() throws Exception {
        RELAY.webAdmin().putAccount("shop@accounts.example", ACCOUNT);
        try (SmtpClient client = SmtpClient.connect(RELAY.relay().smtpPort())) {
            client.ehlo();
            assertThat(client.authPlain("shop@accounts.example", "s3cret").code()).isEqualTo(235);
            assertThat(client.send("app@shop.example", List.of("bob@example.com"),
                Messages.simple("app@shop.example", "bob@example.com", "hi", "hello").getBytes()).code()).isEqualTo(250);
        }
        assertThat(RELAY.awaitDelivered(1)).containsOnlyKeys("bob@example.com");
    }

    @Test
    void envelopeSenderOutsideAuthorizedDomainsIsRefusedNamingIt() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\",\"authorizedDomains\":[\"shop.example\"],"
            + "\"authorizedSenders\":[\"ops@other.example\"]}");
        try (SmtpClient client = authenticated("shop")) {
            Reply refused = client.mailFrom("app@evil.example");
            assertThat(refused.code()).isEqualTo(550);
            assertThat(refused.text()).startsWith("5.7.1").contains("app@evil.example");

            assertThat(client.mailFrom("ops@other.example").code()).isEqualTo(250);
            client.command("RSET");
            assertThat(client.mailFrom("app@Shop.Example").code()).isEqualTo(250);
        }
    }

    @Test
    void fromHeaderOutsideAuthorizedDomainsIsRefusedAtData() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\",\"authorizedDomains\":[\"shop.example\"]}");
        try (SmtpClient client = authenticated("shop")) {
            Reply refused = client.send("app@shop.example", List.of("bob@example.com"),
                Messages.simple("ceo@evil.example", "bob@example.com", "hi", "hello").getBytes());
            assertThat(refused.code()).isEqualTo(550);
            assertThat(refused.text()).startsWith("5.7.1").contains("ceo@evil.example");
        }
        sendMarker();
        assertThat(RELAY.awaitDelivered(1)).containsOnlyKeys("marker@example.com");
    }

    @Test
    void restrictedAccountNeedsAnAuthorizedFromHeaderEvenWithANullEnvelopeSender() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\",\"authorizedDomains\":[\"shop.example\"]}");
        try (SmtpClient client = authenticated("shop")) {
            Reply noFrom = client.send("", List.of("bob@example.com"),
                "To: bob@example.com\r\nSubject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(noFrom.code()).isEqualTo(550);
            assertThat(noFrom.text()).startsWith("5.7.1").contains("From:");

            Reply group = client.send("", List.of("bob@example.com"),
                "From: undisclosed:;\r\nTo: bob@example.com\r\nSubject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(group.code()).isEqualTo(550);
            assertThat(group.text()).startsWith("5.7.1");

            assertThat(client.send("", List.of("bob@example.com"),
                Messages.simple("app@shop.example", "bob@example.com", "hi", "hello").getBytes()).code()).isEqualTo(250);
        }
        assertThat(RELAY.awaitDelivered(1)).containsOnlyKeys("bob@example.com");
    }

    @Test
    void recipientsBeyondMaxRecipientsGet452AndTheOthersAreDelivered() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\",\"maxRecipients\":2}");
        try (SmtpClient client = authenticated("shop")) {
            client.mailFrom("app@shop.example");
            assertThat(client.rcptTo("a@example.com").code()).isEqualTo(250);
            assertThat(client.rcptTo("b@example.com").code()).isEqualTo(250);
            Reply third = client.rcptTo("c@example.com");
            assertThat(third.code()).isEqualTo(452);
            assertThat(third.text()).startsWith("4.5.3");
            assertThat(client.data(Messages.simple("app@shop.example", "a@example.com", "hi", "hello")).code()).isEqualTo(250);
        }
        assertThat(RELAY.awaitDelivered(2)).containsOnlyKeys("a@example.com", "b@example.com");
    }

    @Test
    void messageLargerThanMaxMessageKbGets552AndIsNotDelivered() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\",\"maxMessageKb\":1}");
        try (SmtpClient client = authenticated("shop")) {
            Reply refused = client.send("app@shop.example", List.of("bob@example.com"),
                Messages.simple("app@shop.example", "bob@example.com", "big", "x".repeat(900) + "\r\n" + "y".repeat(900)).getBytes());
            assertThat(refused.code()).isEqualTo(552);
            assertThat(refused.text()).startsWith("5.3.4");
        }
        sendMarker();
        assertThat(RELAY.awaitDelivered(1)).containsOnlyKeys("marker@example.com");
    }

    static SmtpClient authenticated(String account) throws Exception {
        return authenticated(RELAY, account);
    }

    /** Sends as account {@code shop} (password {@code s3cret}) from app@shop.example, expecting 250. */
    static void sendAsShop(RelayExtension relay, List<String> recipients, String message) throws Exception {
        try (SmtpClient client = authenticated(relay, "shop")) {
            Reply reply = client.send("app@shop.example", recipients, message.getBytes(StandardCharsets.UTF_8));
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
    }

    static SmtpClient authenticated(RelayExtension relay, String account) throws Exception {
        SmtpClient client = SmtpClient.connect(relay.relay().smtpPort());
        client.ehlo();
        Reply auth = client.authPlain(account, "s3cret");
        if (auth.code() != 235) {
            client.close();
            throw new AssertionError("AUTH as " + account + " answered " + auth);
        }
        return client;
    }

    // Delivery is asynchronous: a refused message is known to be gone once a later one has arrived alone.
    private static void sendMarker() throws Exception {
        RELAY.webAdmin().putAccount("marker", ACCOUNT);
        try (SmtpClient client = SmtpClient.connect(RELAY.relay().smtpPort())) {
            client.ehlo();
            client.authPlain("marker", "s3cret");
            Reply reply = client.send("app@shop.example", List.of("marker@example.com"),
                Messages.simple("app@shop.example", "marker@example.com", "marker", "marker").getBytes());
            assertThat(reply.code()).isEqualTo(250);
        }
    }
}
