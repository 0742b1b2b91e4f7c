package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.transport.mailets.remote.delivery.ExecutionResult;
import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.mailet.HostAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.testing.ScriptedNextHop;

class ReusingMailDelivrerToHostTest {
    private final ScriptedNextHop nextHop = ScriptedNextHop.onLoopback();
    private final RemoteDeliveryConfiguration configuration = new RemoteDeliveryConfiguration(
        FakeMailetConfig.builder().mailetName("RemoteDelivery").mailetContext(FakeMailContext.defaultContext())
            .setProperty("heloName", "relay.test.example").build(), null);
    private NextHopConnections connections = connections(16, Duration.ofSeconds(30));
    private ReusingMailDelivrerToHost delivrer = new ReusingMailDelivrerToHost(configuration,
        FakeMailContext.defaultContext(), connections);
    private final HostAddress host = new HostAddress("127.0.0.1", "smtp://127.0.0.1:" + nextHop.port());

    ReusingMailDelivrerToHostTest() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        connections.close();
        nextHop.close();
    }

    @Test
    void mailsToOneNextHopShareOneConnection() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(send("ann" + i + "@example.com")).isEqualTo(ExecutionResult.success());
        }

        assertThat(nextHop.connections()).isEqualTo(1);
        assertThat(nextHop.taken()).containsExactly("ann0@example.com", "ann1@example.com", "ann2@example.com",
            "ann3@example.com", "ann4@example.com");
        // RFC 5321 section 4.1.4: after a delivered mail the next MAIL needs no RSET
        assertThat(nextHop.commands()).containsExactly("EHLO", "MAIL", "RCPT", "DATA", "MAIL", "RCPT", "DATA", "MAIL",
            "RCPT", "DATA", "MAIL", "RCPT", "DATA", "MAIL", "RCPT", "DATA");
    }

    @Test
    void aKeptConnectionTheNextHopClosedIsReplacedAndTheMailSentOnce() throws Exception {
        nextHop.misbehave(ScriptedNextHop.Misbehaviour.CLOSE_AFTER, 2);

        for (int i = 0; i < 5; i++) {
            assertThat(send("bob" + i + "@example.com")).isEqualTo(ExecutionResult.success());
        }

        assertThat(nextHop.taken()).containsExactly("bob0@example.com", "bob1@example.com", "bob2@example.com",
            "bob3@example.com", "bob4@example.com");
        assertThat(nextHop.connections()).isEqualTo(3);
    }

    @Test
    void a421OnAKeptConnectionSendsTheMailOnANewOne() throws Exception {
        nextHop.misbehave(ScriptedNextHop.Misbehaviour.REFUSE_421_AFTER, 1);

        for (int i = 0; i < 3; i++) {
            assertThat(send("cid" + i + "@example.com")).isEqualTo(ExecutionResult.success());
        }

        assertThat(nextHop.taken()).containsExactly("cid0@example.com", "cid1@example.com", "cid2@example.com");
        assertThat(nextHop.connections()).isEqualTo(3);
    }

    @Test
    void a421OnANewConnectionIsTheFailureRemoteDeliveryHandles() throws Exception {
        nextHop.misbehave(ScriptedNextHop.Misbehaviour.REFUSE_421_AFTER, 0);

        assertThatThrownBy(() -> send("dan@example.com")).isInstanceOf(MessagingException.class).hasMessageContaining("421");

        assertThat(nextHop.connections()).isEqualTo(1);
        assertThat(nextHop.taken()).isEmpty();
    }

    // RFC 1047: the mail may have been taken, so it is not sent again at once; RemoteDelivery retries it later as ever
    @Test
    void aConnectionLostAfterTheFinalDotIsAFailureNotAnImmediateResend() throws Exception {
        send("eve0@example.com");
        nextHop.misbehave(ScriptedNextHop.Misbehaviour.NO_REPLY_TO_DOT_AFTER, 1);

        assertThatThrownBy(() -> send("eve1@example.com")).isInstanceOf(MessagingException.class);

        assertThat(nextHop.taken()).containsExactly("eve0@example.com", "eve1@example.com");
        assertThat(nextHop.connections()).isEqualTo(1);
    }

    @Test
    void anIdleConnectionIsClosedWithQuit() throws Exception {
        connections.close();
        connections = connections(16, Duration.ofMillis(100));
        delivrer = new ReusingMailDelivrerToHost(configuration, FakeMailContext.defaultContext(), connections);

        send("fay@example.com");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(nextHop.closed()).isEqualTo(1));
        assertThat(nextHop.commands()).endsWith("QUIT");
        assertThat(connections.idle()).isZero();
    }

    @Test
    void withNoIdleConnectionEachMailHasItsOwn() throws Exception {
        connections.close();
        connections = connections(0, Duration.ofSeconds(30));
        delivrer = new ReusingMailDelivrerToHost(configuration, FakeMailContext.defaultContext(), connections);

        send("gus0@example.com");
        send("gus1@example.com");

        assertThat(nextHop.connections()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(nextHop.closed()).isEqualTo(2));
    }

    // MailDelivrer tries the next MX after an I/O error (a MessagingException whose next exception is an IOException)
    @Test
    void aNextHopThatCannotBeReachedFailsAsForJamesRemoteDelivery() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HostAddress unreachable = new HostAddress("127.0.0.1", "smtp://127.0.0.1:" + closedPort);
        Mail mail = FakeMail.builder().name("unreachable").sender("app@shop.example").recipient("hal@example.com")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()))).build();

        assertThatThrownBy(() -> delivrer.tryDeliveryToHost(mail, List.of(new InternetAddress("hal@example.com")), unreachable))
            .isInstanceOfSatisfying(MessagingException.class, e ->
                assertThat(e.getNextException()).isInstanceOf(java.io.IOException.class));
        assertThat(connections.active()).isZero();
    }

    @Test
    void aNextHopsReplyIsLoggedOnOneBoundedLine() {
        assertThat(ReusingMailDelivrerToHost.loggable("421 closing\r\nforged: line")).isEqualTo("421 closing  forged: line");
        assertThat(ReusingMailDelivrerToHost.loggable("x".repeat(10_000))).hasSize(200);
    }

    private NextHopConnections connections(int maxIdle, Duration idleTime) {
        Properties properties = configuration.createFinalJavaxProperties();
        return new NextHopConnections(properties, properties, ReusingMailDelivrerToHost.connector(configuration), maxIdle, idleTime);
    }

    private ExecutionResult send(String recipient) throws Exception {
        Mail mail = FakeMail.builder().name("mail-to-" + recipient).sender("app@shop.example").recipient(recipient)
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(
                ("From: app@shop.example\r\nTo: " + recipient + "\r\nSubject: Order\r\n\r\nIt ships today.\r\n")
                    .getBytes(StandardCharsets.US_ASCII))))
            .build();
        return delivrer.tryDeliveryToHost(mail, List.of(new InternetAddress(recipient)), host);
    }
}
