package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A registered sending domain's return path (docs/headers.md), over real SMTP and HTTP: the copies of its account
 * leave from {@code bounces+TOKEN@bounces.shop.example}, and the relay takes at that domain what it takes at the
 * bounce domain: a DSN suppresses as one to the bounce domain does, an unsubscribe mail unsubscribes, a bad token is
 * refused at RCPT, and nothing sent there is relayed. Another account's copies with the same From: domain keep the
 * bounce domain.
 */
class BrandedReturnPathTest {
    private static final String RETURN_PATH_DOMAIN = "bounces.shop.example";
    private static final String NEWSLETTER = "{\"list\":\"newsletter\"}";

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_BOUNCE_DOMAIN", Feedback.BOUNCE_DOMAIN);

    @BeforeEach
    void accountsAndDomain() {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\",\"authorizedDomains\":[\"shop.example\"]}");
        RELAY.webAdmin().putAccount("other", "{\"password\":\"s3cret\",\"authorizedDomains\":[\"shop.example\"]}");
        WebAdminClient.Response registered = RELAY.webAdmin().put("/smtpplus/domains/shop.example",
            "{\"account\":\"shop\",\"returnPath\":\"" + RETURN_PATH_DOMAIN + "\"}");
        assertThat(registered.status()).as(registered.body()).isBetween(200, 204);
    }

    @Test
    void aDsnToTheBrandedReturnPathSuppressesAsOneToTheBounceDomainDoes() throws Exception {
        String recipient = "gone@example.com";
        ReceivedMessage copy = Feedback.sendAndReceive(RELAY, "shop", recipient, "{}");
        String verp = Feedback.returnPath(copy);
        assertThat(verp).endsWith("@" + RETURN_PATH_DOMAIN);
        // RFC 8058's mailto stays at the bounce domain.
        assertThat(copy.header("List-Unsubscribe")).hasValueSatisfying(header ->
            assertThat(header).contains("@" + Feedback.BOUNCE_DOMAIN + ">").doesNotContain(RETURN_PATH_DOMAIN));
        RELAY.gateway().purgeEmailFromAllMailboxes();

        SmtpClient.Reply reply = Feedback.deliverInbound(RELAY, "", verp,
            Feedback.dsn(verp, recipient, "5.1.1", "550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown"));
        assertThat(reply.code()).as(reply.toString()).isEqualTo(250);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient).status()).isEqualTo(200));
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient).json().get("reason").asText()).isEqualTo("hard_bounce");
        assertThat(Feedback.eventsOf(RELAY, recipient, "bounced")).singleElement()
            .satisfies(event -> assertThat(event.get("status").asText()).isEqualTo("5.1.1"));
        // Handled by the relay, never relayed: the gateway, through which the relay sends everything, saw nothing.
        assertThat(RELAY.delivered()).isEmpty();
    }

    @Test
    void anUnsubscribeMailWorksAtTheBounceDomainAndAtTheBrandedReturnPath() throws Exception {
        String byMailto = "bymailto@example.com";
        String mailtoToken = Feedback.token(Feedback.sendAndReceive(RELAY, "shop", byMailto, NEWSLETTER));
        String atReturnPath = "atreturnpath@example.com";
        String returnPathToken = Feedback.token(Feedback.sendAndReceive(RELAY, "shop", atReturnPath, NEWSLETTER));

        assertThat(Feedback.deliverInbound(RELAY, byMailto, "unsubscribe+" + mailtoToken + "@" + Feedback.BOUNCE_DOMAIN,
            "From: " + byMailto + "\nSubject: unsubscribe\n\nunsubscribe\n").code()).isEqualTo(250);
        assertThat(Feedback.deliverInbound(RELAY, atReturnPath, "unsubscribe+" + returnPathToken + "@" + RETURN_PATH_DOMAIN,
            "From: " + atReturnPath + "\nSubject: unsubscribe\n\nunsubscribe\n").code()).isEqualTo(250);

        for (String recipient : List.of(byMailto, atReturnPath)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient + "?list=newsletter").status()).isEqualTo(200));
            assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient + "?list=newsletter").json().get("reason").asText())
                .isEqualTo("unsubscribe");
        }
    }

    @Test
    void aStrangersBadTokenAtTheBrandedReturnPathIsRefusedAtRcptAsAtTheBounceDomain() throws Exception {
        String token = Feedback.token(Feedback.sendAndReceive(RELAY, "shop", "tampered@example.com", "{}"));
        String tampered = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);

        for (String domain : List.of(RETURN_PATH_DOMAIN, Feedback.BOUNCE_DOMAIN)) {
            for (String localPart : List.of("bounces+" + tampered, "unsubscribe+" + tampered, "postmaster", "anyone")) {
                SmtpClient.Reply refused = Feedback.deliverInbound(RELAY, "stranger@elsewhere.example", localPart + "@" + domain, "Subject: x\n\nx\n");
                assertThat(refused.code()).as(localPart + "@" + domain + ": " + refused).isEqualTo(550);
                assertThat(refused.text()).startsWith("5.1.1");
            }
        }
    }

    @Test
    void anotherAccountsCopyWithTheSameFromDomainKeepsTheBounceDomain() throws Exception {
        String verp = Feedback.returnPath(Feedback.sendAndReceive(RELAY, "other", "someone@example.com", "{}"));

        assertThat(verp).endsWith("@" + Feedback.BOUNCE_DOMAIN);
    }
}
