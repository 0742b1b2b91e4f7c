package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.it.SmtpClient.Reply;

/**
 * docs/operator-guide.md#smtp-authentication over real SMTP: a web application opens a connection, STARTTLS and AUTH
 * for every message, and its password is remembered a few minutes after it verified; a password changed, an account
 * deleted or deleted and created anew through WebAdmin takes effect at the next AUTH all the same.
 */
class RepeatedAuthTest {
    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension();

    @Test
    void aChangedPasswordFailsAtOnceAndTheNewOneWorks() throws Exception {
        String app = "127.0.4.1";
        RELAY.webAdmin().putAccount("rotating", "{\"password\":\"old-s3cret\"}");
        assertThat(sendAsWebApplication(app, "rotating", "old-s3cret")).isEqualTo(235);
        assertThat(sendAsWebApplication(app, "rotating", "old-s3cret")).isEqualTo(235);

        RELAY.webAdmin().putAccount("rotating", "{\"password\":\"new-s3cret\"}");

        assertThat(sendAsWebApplication(app, "rotating", "old-s3cret")).isEqualTo(535);
        assertThat(sendAsWebApplication(app, "rotating", "new-s3cret")).isEqualTo(235);
        assertThat(sendAsWebApplication(app, "rotating", "new-s3cret")).isEqualTo(235);
        assertThat(sendAsWebApplication(app, "rotating", "old-s3cret")).isEqualTo(535);
        RELAY.awaitDelivered(4);
    }

    // An update that leaves the password alone changes nothing for the clients of the account.
    @Test
    void anUpdateWithoutPasswordKeepsThePasswordWorking() throws Exception {
        String app = "127.0.4.2";
        RELAY.webAdmin().putAccount("steady", "{\"password\":\"s3cret\"}");
        assertThat(sendAsWebApplication(app, "steady", "s3cret")).isEqualTo(235);

        RELAY.webAdmin().putAccount("steady", "{\"maxRecipients\":5}");

        assertThat(sendAsWebApplication(app, "steady", "s3cret")).isEqualTo(235);
        assertThat(sendAsWebApplication(app, "steady", "other")).isEqualTo(535);
    }

    @Test
    void aDeletedAccountFailsAtOnce() throws Exception {
        String app = "127.0.4.3";
        RELAY.webAdmin().putAccount("leaving", "{\"password\":\"s3cret\"}");
        assertThat(sendAsWebApplication(app, "leaving", "s3cret")).isEqualTo(235);
        assertThat(sendAsWebApplication(app, "leaving", "s3cret")).isEqualTo(235);

        assertThat(RELAY.webAdmin().delete("/smtpplus/accounts/leaving").status()).isEqualTo(204);

        assertThat(sendAsWebApplication(app, "leaving", "s3cret")).isEqualTo(535);
    }

    // A new account of a deleted one's name is a new account: the old one's password is not its own.
    @Test
    void anAccountCreatedAnewUnderADeletedOnesNameTakesOnlyItsOwnPassword() throws Exception {
        String app = "127.0.4.4";
        RELAY.webAdmin().putAccount("reborn", "{\"password\":\"first-s3cret\"}");
        assertThat(sendAsWebApplication(app, "reborn", "first-s3cret")).isEqualTo(235);
        assertThat(sendAsWebApplication(app, "reborn", "first-s3cret")).isEqualTo(235);

        assertThat(RELAY.webAdmin().delete("/smtpplus/accounts/reborn").status()).isEqualTo(204);
        RELAY.webAdmin().putAccount("reborn", "{\"password\":\"second-s3cret\"}");

        assertThat(sendAsWebApplication(app, "reborn", "first-s3cret")).isEqualTo(535);
        assertThat(sendAsWebApplication(app, "reborn", "second-s3cret")).isEqualTo(235);
    }

    /**
     * What a web application does for every message: a new connection to the submission port, STARTTLS, AUTH and,
     * once authenticated, one message.
     *
     * @return the AUTH reply's code
     */
    private static int sendAsWebApplication(String address, String name, String password) throws Exception {
        try (SmtpClient client = SmtpClient.connectFrom(address, RELAY.relay().submissionPort())) {
            client.ehlo();
            assertThat(client.startTls().code()).isEqualTo(220);
            client.ehlo();
            Reply auth = client.authPlain(name, password);
            if (auth.code() == 235) {
                String message = Messages.simple("app@shop.example", "bob@example.com", "order", "thank you");
                assertThat(client.send("app@shop.example", List.of("bob@example.com"), message.getBytes()).code())
                    .isEqualTo(250);
            }
            return auth.code();
        }
    }
}
