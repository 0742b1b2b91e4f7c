package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SMTPPLUS_TRUSTED_NETWORKS (docs/configuration.md#smtpplus-run-settings): clients of these networks relay without AUTH, and their mail
 * belongs to account {@code default}.
 */
class TrustedNetworkTest {
    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_TRUSTED_NETWORKS", "127.0.0.0/8");

    @Test
    void trustedClientRelaysWithoutAuthAsAccountDefault() throws Exception {
        RELAY.webAdmin().putAccount("default", "{\"password\":\"s3cret\",\"maxRecipients\":1,"
            + "\"footer\":{\"text\":\"DEFAULT FOOTER\"}}");

        try (SmtpClient client = SmtpClient.connect(RELAY.relay().smtpPort())) {
            client.ehlo();
            assertThat(client.mailFrom("app@shop.example").code()).isEqualTo(250);
            assertThat(client.rcptTo("ann@example.com").code()).isEqualTo(250);
            assertThat(client.rcptTo("bob@example.com").code()).isEqualTo(452);
            assertThat(client.data(Messages.simple("app@shop.example", "ann@example.com", "Hi", "BODY")).code()).isEqualTo(250);
        }

        byte[] copy = RELAY.awaitDelivered(1).get("ann@example.com").get(0);
        assertThat(new ReceivedMessage(copy).text("text/plain")).containsSubsequence("BODY", "DEFAULT FOOTER");
    }

    @Test
    void withoutADefaultAccountTrustedMailIsRelayedWithTheDefaultLimits() throws Exception {
        try (SmtpClient client = SmtpClient.connect(RELAY.relay().smtpPort())) {
            client.ehlo();
            SmtpClient.Reply reply = client.send("app@shop.example", List.of("ann@example.com"),
                Messages.withDirective("{\"vars\":{\"name\":\"Ann\"}}",
                    Messages.simple("app@shop.example", "ann@example.com", "Hi {{name}}", "BODY")).getBytes(StandardCharsets.UTF_8));
            assertThat(reply.code()).isEqualTo(250);
        }

        ReceivedMessage copy = new ReceivedMessage(RELAY.awaitDelivered(1).get("ann@example.com").get(0));
        assertThat(copy.subject()).isEqualTo("Hi Ann");
        assertThat(copy.headers("X-SmtpPlus")).isEmpty();
    }
}
