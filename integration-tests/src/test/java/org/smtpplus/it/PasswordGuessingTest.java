package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.it.SmtpClient.Reply;

/**
 * SMTP AUTH against strangers, over real SMTP from several loopback addresses (each a client machine): failures
 * throttled per address and per name, the same work for every name, SMTP+ alone deciding for its accounts, a deleted
 * account gone at once, connections per address limited, and a log line fail2ban can read.
 */
class PasswordGuessingTest {
    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_AUTH_FAILURES_PER_ADDRESS", "6")
        .withSetting("SMTPPLUS_AUTH_FAILURES_PER_ACCOUNT", "4")
        .withSetting("SMTPPLUS_CONNECTIONS_PER_IP", "4");

    private static final String ACCOUNT = "{\"password\":\"s3cret\"}";

    @Test
    void anAddressThatKeepsFailingWaitsLongerThenIsRefusedAndDisconnected() throws Exception {
        String stranger = "127.0.0.2";
        try (SmtpClient first = SmtpClient.connectFrom(stranger, RELAY.relay().smtpPort());
             SmtpClient second = SmtpClient.connectFrom(stranger, RELAY.relay().smtpPort())) {
            first.ehlo();
            second.ehlo();
            // Three failures cost nothing; the fourth makes the address wait a second, the fifth two.
            for (int i = 1; i <= 5; i++) {
                assertThat(first.authPlain("guess" + i, "password" + i).code()).isEqualTo(535);
            }
            // An attempt of the address on another connection before then is refused unchecked...
            Reply waiting = second.authPlain("guess6", "password6");
            assertThat(waiting.code()).isEqualTo(454);
            assertThat(waiting.text()).startsWith("4.7.0").contains("try again in");
            // ...and that connection reads its next command once the wait is over: the sixth failure locks the address.
            Reply locked = second.authPlain("guess6", "password6");
            assertThat(locked.code()).isEqualTo(421);
            assertThat(locked.text()).startsWith("4.7.0").contains(stranger);
            assertThat(second.closedByRelay()).isTrue();
        }
        try (SmtpClient again = SmtpClient.connectFrom(stranger, RELAY.relay().smtpPort())) {
            again.ehlo();
            assertThat(again.authPlain("guess7", "password7").code()).isEqualTo(421);
        }
        // Another address is not concerned.
        RELAY.webAdmin().putAccount("neighbour", ACCOUNT);
        try (SmtpClient client = SmtpClient.connectFrom("127.0.0.3", RELAY.relay().smtpPort())) {
            client.ehlo();
            assertThat(client.authPlain("neighbour", "s3cret").code()).isEqualTo(235);
        }
        assertThat(RELAY.relay().log()).containsPattern("SMTP\\+ AUTH failed from 127\\.0\\.0\\.2 as \"guess1\"")
            .containsPattern("SMTP\\+ AUTH refused from 127\\.0\\.0\\.2 as \"guess7\": address locked");
    }

    @Test
    void aNameGuessedFromManyAddressesIsLockedButNotForTheAddressesItsOwnClientsUse() throws Exception {
        RELAY.webAdmin().putAccount("shop", ACCOUNT);
        try (SmtpClient app = SmtpClient.connectFrom("127.0.0.10", RELAY.relay().smtpPort())) {
            app.ehlo();
            assertThat(app.authPlain("shop", "s3cret").code()).isEqualTo(235);
        }
        for (int i = 0; i < 4; i++) {
            try (SmtpClient stranger = SmtpClient.connectFrom("127.0.1." + i, RELAY.relay().smtpPort())) {
                stranger.ehlo();
                assertThat(stranger.authPlain("shop", "guess" + i).code()).isEqualTo(535);
            }
        }

        try (SmtpClient stranger = SmtpClient.connectFrom("127.0.1.9", RELAY.relay().smtpPort())) {
            stranger.ehlo();
            Reply refused = stranger.authPlain("shop", "s3cret");
            assertThat(refused.code()).isEqualTo(454);
            assertThat(refused.text()).startsWith("4.7.0");
        }
        try (SmtpClient app = SmtpClient.connectFrom("127.0.0.10", RELAY.relay().smtpPort())) {
            app.ehlo();
            assertThat(app.authPlain("shop", "s3cret").code()).isEqualTo(235);
        }
    }

    @Test
    void smtpPlusAloneDecidesForItsAccountsNotJamesUsersRepository() throws Exception {
        RELAY.webAdmin().putAccount("decided", ACCOUNT);
        // The James user SMTP+ made for the account does not have the account's password...
        assertThat(RELAY.webAdmin().post("/users/decided/verify", "application/json", "{\"password\":\"s3cret\"}").status())
            .isEqualTo(401);
        // ...and even if James's own route gives it one, that is no second way in.
        assertThat(RELAY.webAdmin().put("/users/decided?force", "{\"password\":\"jamesword\"}").status()).isEqualTo(204);

        try (SmtpClient client = SmtpClient.connectFrom("127.0.2.1", RELAY.relay().smtpPort())) {
            client.ehlo();
            assertThat(client.authPlain("decided", "jamesword").code()).isEqualTo(535);
            assertThat(client.authPlain("decided", "s3cret").code()).isEqualTo(235);
        }
    }

    @Test
    void aDeletedAccountCannotAuthenticateNorSendInTheSessionItOpened() throws Exception {
        RELAY.webAdmin().putAccount("leaving", ACCOUNT);
        try (SmtpClient session = SmtpClient.connectFrom("127.0.3.1", RELAY.relay().smtpPort())) {
            session.ehlo();
            assertThat(session.authPlain("leaving", "s3cret").code()).isEqualTo(235);

            assertThat(RELAY.webAdmin().delete("/smtpplus/accounts/leaving").status()).isEqualTo(204);

            Reply refused = session.mailFrom("app@shop.example");
            assertThat(refused.code()).isEqualTo(530);
            assertThat(refused.text()).startsWith("5.7.0").contains("leaving");
            assertThat(session.mailFrom("").code()).isEqualTo(530);
        }
        assertThat(RELAY.webAdmin().get("/users").body()).doesNotContain("\"leaving\"");
        try (SmtpClient client = SmtpClient.connectFrom("127.0.3.2", RELAY.relay().smtpPort())) {
            client.ehlo();
            assertThat(client.authPlain("leaving", "s3cret").code()).isEqualTo(535);
        }
    }

    @Test
    void oneAddressHoldsAtMostTheConfiguredNumberOfConnectionsOnEveryPort() throws Exception {
        for (int port : new int[] {RELAY.relay().smtpPort(), RELAY.relay().submissionPort()}) {
            SmtpClient[] open = new SmtpClient[4];
            try {
                for (int i = 0; i < open.length; i++) {
                    open[i] = SmtpClient.connectFrom("127.0.4.1", port);
                }
                assertThat(refusedConnection("127.0.4.1", port)).isTrue();
                assertThat(refusedConnection("127.0.4.2", port)).isFalse();
            } finally {
                for (SmtpClient client : open) {
                    if (client != null) {
                        client.close();
                    }
                }
            }
            // Closed connections are given back.
            await().atMost(Duration.ofSeconds(10)).until(() -> !refusedConnection("127.0.4.1", port));
        }
    }

    private static boolean refusedConnection(String from, int port) {
        try (SmtpClient client = SmtpClient.connectFrom(from, port)) {
            return client.ehlo().code() != 250;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
