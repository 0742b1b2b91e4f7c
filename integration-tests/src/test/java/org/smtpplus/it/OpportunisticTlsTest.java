package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Opportunistic TLS to the next hop (RFC 7435; docs/deliverability.md): the relay's gateway is a {@link TlsSink}, an
 * aiosmtpd receiver whose certificate is self-signed, as a sender meets most MTAs' certificates (RFC 3207 section 4.1).
 * The relay starts TLS whenever it is offered, whatever the certificate, and delivers in clear when it is not.
 */
class OpportunisticTlsTest {
    private static final String HOSTNAME = "relay.test.example";

    @RegisterExtension
    @Order(1)
    static final TlsSink SINK = new TlsSink();

    @RegisterExtension
    @Order(2)
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_HOSTNAME", HOSTNAME)
        .withSetting("SMTPPLUS_GATEWAY", SINK::address)
        // The sink decides its STARTTLS offer per connection: a connection to it kept from the test before (TLS or not)
        // would carry the next test's copy as it was opened, so each copy has a connection of its own here.
        .withConfEdit("mailetcontainer.xml", "<startTLS>true</startTLS>",
            "<startTLS>true</startTLS><connectionIdleTime>0</connectionIdleTime>");

    @BeforeEach
    void accountAndDomain() {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        WebAdminClient.Response domain = RELAY.webAdmin().put("/smtpplus/domains/shop.example", "{\"account\":\"shop\"}");
        assertThat(domain.status()).as(domain.toString()).isBetween(200, 204);
    }

    @Test
    void aCopyReachesANextHopOfferingStartTlsOverTlsDespiteItsSelfSignedCertificateAndStillVerifies() throws Exception {
        send("ann@example.com", "Your order ships today.");

        TlsSink.Delivery delivery = SINK.awaitDeliveryTo("ann@example.com");

        assertThat(delivery.tls()).as(delivery.toString()).isTrue();
        assertThat(delivery.helo()).isEqualTo(HOSTNAME);
        assertThat(delivery.recipients()).containsExactly("ann@example.com");
        DkimVerifier.Result dkim = DkimVerifier.withRecordsOf(RELAY.webAdmin(), "shop.example").verify(delivery.content());
        assertThat(dkim.passes()).as(dkim.toString()).isTrue();
        assertThat(DkimVerifier.signatureTags(delivery.content())).containsEntry("d", "shop.example");
        assertThat(new ReceivedMessage(delivery.content()).text("text/plain")).contains("Your order ships today.");
    }

    @Test
    void aCopyReachesANextHopWithoutStartTlsInClear() throws Exception {
        SINK.offerStartTls(false);

        send("bob@example.com", "Your invoice is attached.");

        TlsSink.Delivery delivery = SINK.awaitDeliveryTo("bob@example.com");
        assertThat(delivery.tls()).as(delivery.toString()).isFalse();
        assertThat(delivery.helo()).isEqualTo(HOSTNAME);
        DkimVerifier.Result dkim = DkimVerifier.withRecordsOf(RELAY.webAdmin(), "shop.example").verify(delivery.content());
        assertThat(dkim.passes()).as(dkim.toString()).isTrue();
        assertThat(new ReceivedMessage(delivery.content()).text("text/plain")).contains("Your invoice is attached.");
    }

    private static void send(String recipient, String body) throws Exception {
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            SmtpClient.Reply reply = client.send("app@shop.example", List.of(recipient),
                Messages.simple("Shop <app@shop.example>", recipient, "Your order", body).getBytes(StandardCharsets.UTF_8));
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
    }
}
