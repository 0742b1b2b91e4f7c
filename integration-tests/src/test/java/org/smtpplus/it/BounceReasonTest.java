package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Why a copy bounced (docs/api.md, bounce reasons), over real SMTP: the words of a bounce count when its status code
 * says nothing specific, so a missing mailbox behind a generic code suppresses, and a refusal by the recipient's own
 * rules does not, though it is worded as an address rejection. The reason is in the bounce list (JSON, CSV, the
 * {@code reason} filter) and the {@code bounced} event; an operator's phrase table (SMTPPLUS_BOUNCE_PHRASES) is used.
 */
class BounceReasonTest {
    private static final Path OPERATOR_PHRASES = operatorPhrases();

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_BOUNCE_DOMAIN", Feedback.BOUNCE_DOMAIN)
        .withSetting("SMTPPLUS_BOUNCE_PHRASES", OPERATOR_PHRASES.toString());

    // An Italian provider's wording no built-in phrase knows, as an operator whose senders mail Italy would add it.
    private static Path operatorPhrases() {
        try {
            Path table = Files.createTempFile("smtpplus-it-bounce-phrases-", ".txt");
            Files.writeString(table, "# phrases our receivers use\nuser_unknown\tutente inesistente\tItalian ISP\n",
                StandardCharsets.UTF_8);
            table.toFile().deleteOnExit();
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void account() {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
    }

    @Test
    void aMissingMailboxBehindAGenericCodeSuppresses() throws Exception {
        String recipient = "gone@example.com";
        String verp = verpOf(recipient);

        // Exchange's words for a missing mailbox, under a status that only says "permanent failure"
        Feedback.deliverInbound(RELAY, "", verp, Feedback.dsn(verp, recipient, "5.0.0",
            "550 5.0.0 The e-mail address you entered couldn't be found. Please check the recipient's e-mail address"
                + " and try to resend the message."));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient).status()).isEqualTo(200));
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient).json().get("reason").asText())
            .isEqualTo("hard_bounce");
        JsonNode bounce = entryOf(recipient);
        assertThat(bounce.get("type").asText()).isEqualTo("hard");
        assertThat(bounce.get("reason").asText()).isEqualTo("user_unknown");
        assertThat(bounce.get("status").asText()).isEqualTo("5.0.0");
        assertThat(Feedback.eventsOf(RELAY, recipient, "bounced")).singleElement()
            .satisfies(event -> assertThat(event.get("reason").asText()).isEqualTo("user_unknown"));
        Feedback.assertNextMessageSuppressed(RELAY, recipient, "{}");
    }

    @Test
    void aRefusalByTheRecipientsRulesKeepsTheAddress() throws Exception {
        String recipient = "picky@example.com";
        String verp = verpOf(recipient);

        // Postfix words every refusal of a recipient access rule "Recipient address rejected", whatever the rule says
        Feedback.deliverInbound(RELAY, "", verp, Feedback.dsn(verp, recipient, "5.0.0",
            "550 5.0.0 <" + recipient + ">: Recipient address rejected: Message filtered by recipient's rules"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(Feedback.eventsOf(RELAY, recipient, "bounced")).singleElement()
                .satisfies(event -> assertThat(event.get("reason").asText()).isEqualTo("filtered")));
        JsonNode bounce = entryOf(recipient);
        assertThat(bounce.get("type").asText()).isEqualTo("soft");
        assertThat(bounce.get("reason").asText()).isEqualTo("filtered");
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient).status()).isEqualTo(404);
        assertThat(RELAY.webAdmin().get("/smtpplus/bounces?reason=filtered").json())
            .extracting(entry -> entry.get("recipient").asText()).containsExactly(recipient);
        assertThat(RELAY.webAdmin().get("/smtpplus/bounces?reason=user_unknown").json())
            .extracting(entry -> entry.get("recipient").asText()).doesNotContain(recipient);
        assertThat(RELAY.webAdmin().get("/smtpplus/bounces?format=csv&reason=filtered").body())
            .startsWith("recipient,type,reason,status,diagnostic,at,account,messageId\r\n")
            .contains(recipient + ",soft,filtered,5.0.0,");
    }

    @Test
    void aPhraseOfTheOperatorsTableIsUsed() throws Exception {
        String recipient = "nessuno@example.it";
        String verp = verpOf(recipient);

        Feedback.deliverInbound(RELAY, "", verp, Feedback.dsn(verp, recipient, "5.0.0", "550 5.0.0 Utente inesistente"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + recipient).status()).isEqualTo(200));
        assertThat(entryOf(recipient).get("reason").asText()).isEqualTo("user_unknown");
    }

    @Test
    void anUnknownReasonIsA400NamingIt() {
        WebAdminClient.Response response = RELAY.webAdmin().get("/smtpplus/bounces?reason=nosuchuser");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("message").asText())
            .startsWith("reason: must be one of user_unknown, host_unknown,")
            .endsWith("got \"nosuchuser\"");
    }

    private static JsonNode entryOf(String recipient) {
        JsonNode entries = RELAY.webAdmin().get("/smtpplus/bounces?account=shop").json();
        for (JsonNode entry : entries) {
            if (entry.get("recipient").asText().equals(recipient)) {
                return entry;
            }
        }
        throw new AssertionError("No bounce of " + recipient + " in " + entries);
    }

    private static String verpOf(String recipient) throws Exception {
        return Feedback.returnPath(Feedback.sendAndReceive(RELAY, "shop", recipient, "{}"));
    }
}
