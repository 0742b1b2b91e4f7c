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
 * bounce domain. A return path that is the sending domain itself keeps its mailboxes, and a return path given up
 * (by a PUT or a DELETE) still takes the bounces of the copies sent from it.
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

        assertADsnSuppresses(verp, recipient);
    }

    @Test
    void aSendingDomainThatIsItsOwnReturnPathKeepsItsMailboxesAndTakesItsBounces() throws Exception {
        putReturnPath("shop.example");

        // The account's mail to its customers at its own domain is relayed as any other.
        ReceivedMessage order = Feedback.sendAndReceive(RELAY, "shop", "orders@shop.example", "{}");
        assertThat(Feedback.returnPath(order)).endsWith("@shop.example");
        String recipient = "gone-own@example.com";
        String verp = Feedback.returnPath(Feedback.sendAndReceive(RELAY, "shop", recipient, "{}"));
        assertThat(verp).startsWith("bounces+").endsWith("@shop.example");
        RELAY.gateway().purgeEmailFromAllMailboxes();

        assertADsnSuppresses(verp, recipient);
    }

    @Test
    void aDsnToTheFormerReturnPathStillSuppressesAfterAPutChangesIt() throws Exception {
        String recipient = "moved@example.com";
        String verp = Feedback.returnPath(Feedback.sendAndReceive(RELAY, "shop", recipient, "{}"));
        assertThat(verp).endsWith("@" + RETURN_PATH_DOMAIN);
        RELAY.gateway().purgeEmailFromAllMailboxes();

        putReturnPath("mail.shop.example");

        assertADsnSuppresses(verp, recipient);
    }

    @Test
    void aDsnToTheReturnPathOfADeletedDomainStillSuppresses() throws Exception {
        String recipient = "deleted@example.com";
        String verp = Feedback.returnPath(Feedback.sendAndReceive(RELAY, "shop", recipient, "{}"));
        RELAY.gateway().purgeEmailFromAllMailboxes();

        assertThat(RELAY.webAdmin().delete("/smtpplus/domains/shop.example").status()).isEqualTo(204);

        assertADsnSuppresses(verp, recipient);
        // What the relay never wrote there is no longer its own.
        SmtpClient.Reply stranger = Feedback.deliverInbound(RELAY, "stranger@elsewhere.example", "postmaster@" + RETURN_PATH_DOMAIN, "Subject: x\n\nx\n");
        assertThat(stranger.code()).as(stranger.toString()).isEqualTo(530);
        assertThat(stranger.text()).startsWith("5.7.1");
    }

    private static void putReturnPath(String returnPath) {
        WebAdminClient.Response changed = RELAY.webAdmin().put("/smtpplus/domains/shop.example",
            "{\"account\":\"shop\",\"returnPath\":\"" + returnPath + "\"}");
        assertThat(changed.status()).as(changed.body()).isBetween(200, 204);
    }

    // A DSN from the recipient's server, to the copy's VERP address, suppresses it and is never relayed.
    private static void assertADsnSuppresses(String verp, String recipient) throws Exception {
        SmtpClient.Reply reply = Feedback.deliverInbound(RELAY, "", verp,
            Feedback.dsn(verp, recipient, "5.1.1", "550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown"));
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
    void aStrangersBadTokenAtTheBrandedReturnPathIsRefusedAtRcptAsAtTheBounceDomainAndNothingIsRelayed() throws Exception {
        String token = Feedback.token(Feedback.sendAndReceive(RELAY, "shop", "tampered@example.com", "{}"));
        String tampered = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
        RELAY.gateway().purgeEmailFromAllMailboxes();

        for (String domain : List.of(RETURN_PATH_DOMAIN, Feedback.BOUNCE_DOMAIN)) {
            for (String localPart : List.of("bounces+" + tampered, "unsubscribe+" + tampered)) {
                assertNoSuchAddress(localPart + "@" + domain);
            }
        }
        for (String localPart : List.of("postmaster", "anyone")) {
            assertNoSuchAddress(localPart + "@" + Feedback.BOUNCE_DOMAIN);
            // Not the relay's: a stranger's mail there is relaying, refused as any other.
            SmtpClient.Reply refused = Feedback.deliverInbound(RELAY, "stranger@elsewhere.example", localPart + "@" + RETURN_PATH_DOMAIN, "Subject: x\n\nx\n");
            assertThat(refused.code()).as(localPart + ": " + refused).isEqualTo(530);
            assertThat(refused.text()).startsWith("5.7.1");
        }
        assertThat(RELAY.delivered()).isEmpty();
    }

    private static void assertNoSuchAddress(String address) throws Exception {
        SmtpClient.Reply refused = Feedback.deliverInbound(RELAY, "stranger@elsewhere.example", address, "Subject: x\n\nx\n");
        assertThat(refused.code()).as(address + ": " + refused).isEqualTo(550);
        assertThat(refused.text()).startsWith("5.1.1");
    }

    @Test
    void anotherAccountsCopyWithTheSameFromDomainKeepsTheBounceDomain() throws Exception {
        String verp = Feedback.returnPath(Feedback.sendAndReceive(RELAY, "other", "someone@example.com", "{}"));

        assertThat(verp).endsWith("@" + Feedback.BOUNCE_DOMAIN);
    }
}
