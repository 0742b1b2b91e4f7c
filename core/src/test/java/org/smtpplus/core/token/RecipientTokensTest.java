package org.smtpplus.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RecipientTokensTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final RecipientTokens TOKENS = new RecipientTokens("ef72ab75c60b988e7095374bce668bd5462b0a8f551619f0763eac50966a9b78",
        new TokenAddresses("Bounces.Example.com", "bounces.shop.example"::equals), URI.create("https://relay.example/"));

    private static RecipientToken token(Instant at) {
        return new RecipientToken("shop", "customers", "<m1@shop.example>", "jane@example.com", at);
    }

    private static String returnPath(Instant at) {
        return TOKENS.issueReturnPath(token(at));
    }

    private static String unsubscribe(Instant at) {
        return TOKENS.issueUnsubscribe(token(at));
    }

    @Test
    void theLinksAndAddressesOfAToken() {
        String token = unsubscribe(NOW);

        assertThat(TOKENS.unsubscribeUrl(token)).isEqualTo("https://relay.example/u/" + token);
        assertThat(TOKENS.addresses().bounces(token, "bounces.example.com")).isEqualTo("bounces+" + token + "@bounces.example.com");
        assertThat(TOKENS.addresses().bounces(token, "Bounces.Shop.example")).isEqualTo("bounces+" + token + "@bounces.shop.example");
        assertThat(TOKENS.listUnsubscribe(token))
            .isEqualTo("<https://relay.example/u/" + token + ">, <mailto:unsubscribe+" + token + "@bounces.example.com>");
    }

    @Test
    void bounceAndUnsubscribeAddressesAreRecognised() {
        assertThat(TOKENS.forAddress("bounces+" + returnPath(NOW), "bounces.example.com", NOW))
            .hasValueSatisfying(addressed -> assertThat(addressed.kind()).isEqualTo(TokenAddresses.Kind.BOUNCES));
        assertThat(TOKENS.forAddress("UNSUBSCRIBE+" + unsubscribe(NOW), "BOUNCES.example.com", NOW))
            .hasValueSatisfying(addressed -> assertThat(addressed.kind()).isEqualTo(TokenAddresses.Kind.UNSUBSCRIBE));
    }

    @Test
    void aRegisteredReturnPathTakesWhatTheBounceDomainTakes() {
        assertThat(TOKENS.addresses().isReturnPathDomain("BOUNCES.shop.example")).isTrue();
        assertThat(TOKENS.forAddress("bounces+" + returnPath(NOW), "Bounces.Shop.Example", NOW))
            .hasValueSatisfying(addressed -> assertThat(addressed.kind()).isEqualTo(TokenAddresses.Kind.BOUNCES));
        assertThat(TOKENS.forAddress("unsubscribe+" + unsubscribe(NOW), "bounces.shop.example", NOW))
            .hasValueSatisfying(addressed -> assertThat(addressed.kind()).isEqualTo(TokenAddresses.Kind.UNSUBSCRIBE));
        assertThat(TOKENS.forAddress("bounces+" + returnPath(NOW).substring(1), "bounces.shop.example", NOW)).isEmpty();
        assertThat(TOKENS.addresses().isReturnPathDomain("shop.example")).isFalse();
    }

    // An unsubscribe link is seen by whoever the message is forwarded to: it must not report a bounce or a complaint.
    @Test
    void anUnsubscribeTokenIsNoReturnPathAndTheOtherWayRound() {
        assertThat(TOKENS.forAddress("bounces+" + unsubscribe(NOW), "bounces.example.com", NOW)).isEmpty();
        assertThat(TOKENS.forBounce(unsubscribe(NOW), NOW)).isEmpty();
        assertThat(TOKENS.forAddress("unsubscribe+" + returnPath(NOW), "bounces.example.com", NOW)).isEmpty();
        assertThat(TOKENS.forUnsubscribe(returnPath(NOW))).isEmpty();
    }

    @Test
    void otherAddressesAreNot() {
        String token = returnPath(NOW);

        assertThat(TOKENS.forAddress("bounces+" + token, "other.example.com", NOW)).isEmpty();
        assertThat(TOKENS.forAddress("postmaster", "bounces.example.com", NOW)).isEmpty();
        assertThat(TOKENS.forAddress("bounces+", "bounces.example.com", NOW)).isEmpty();
        assertThat(TOKENS.forAddress("bounces+" + token.toLowerCase(), "bounces.example.com", NOW)).isEmpty();
        assertThat(TOKENS.forAddress("other+" + token, "bounces.example.com", NOW)).isEmpty();
    }

    @Test
    void aBounceIsTakenWithinItsWindowOnly() {
        assertThat(TOKENS.forBounce(returnPath(NOW.minus(RecipientTokens.BOUNCE_WINDOW)), NOW)).isPresent();
        assertThat(TOKENS.forBounce(returnPath(NOW.minus(RecipientTokens.BOUNCE_WINDOW).minusSeconds(1)), NOW)).isEmpty();
        assertThat(TOKENS.forBounce(returnPath(NOW.plus(Duration.ofMinutes(5))), NOW)).isPresent();
        assertThat(TOKENS.forBounce(returnPath(NOW.plus(Duration.ofDays(2))), NOW)).isEmpty();
    }

    @Test
    void unsubscribingNeverExpires() {
        assertThat(TOKENS.forUnsubscribe(unsubscribe(NOW.minus(Duration.ofDays(3650))))).isPresent();
    }
}
