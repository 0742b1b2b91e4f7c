package org.smtpplus.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RecipientTokensTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final RecipientTokens TOKENS = new RecipientTokens(new TokenSigner("a test secret of enough length"),
        new TokenAddresses("Bounces.Example.com"), URI.create("https://relay.example/"));

    private static String issued(Instant at) {
        return TOKENS.issue(new RecipientToken("shop", "customers", "<m1@shop.example>", "jane@example.com", at));
    }

    @Test
    void theLinksAndAddressesOfAToken() {
        String token = issued(NOW);

        assertThat(TOKENS.unsubscribeUrl(token)).isEqualTo("https://relay.example/u/" + token);
        assertThat(TOKENS.addresses().bounces(token)).isEqualTo("bounces+" + token + "@bounces.example.com");
        assertThat(TOKENS.listUnsubscribe(token))
            .isEqualTo("<https://relay.example/u/" + token + ">, <mailto:unsubscribe+" + token + "@bounces.example.com>");
    }

    @Test
    void bounceAndUnsubscribeAddressesAreRecognised() {
        String token = issued(NOW);

        assertThat(TOKENS.forAddress("bounces+" + token, "bounces.example.com", NOW))
            .hasValueSatisfying(addressed -> assertThat(addressed.kind()).isEqualTo(TokenAddresses.Kind.BOUNCES));
        assertThat(TOKENS.forAddress("UNSUBSCRIBE+" + token, "BOUNCES.example.com", NOW))
            .hasValueSatisfying(addressed -> assertThat(addressed.kind()).isEqualTo(TokenAddresses.Kind.UNSUBSCRIBE));
    }

    @Test
    void otherAddressesAreNot() {
        String token = issued(NOW);

        assertThat(TOKENS.forAddress("bounces+" + token, "other.example.com", NOW)).isEmpty();
        assertThat(TOKENS.forAddress("postmaster", "bounces.example.com", NOW)).isEmpty();
        assertThat(TOKENS.forAddress("bounces+", "bounces.example.com", NOW)).isEmpty();
        assertThat(TOKENS.forAddress("bounces+" + token.toLowerCase(), "bounces.example.com", NOW)).isEmpty();
        assertThat(TOKENS.forAddress("other+" + token, "bounces.example.com", NOW)).isEmpty();
    }

    @Test
    void aBounceIsTakenWithinItsWindowOnly() {
        assertThat(TOKENS.forBounce(issued(NOW.minus(RecipientTokens.BOUNCE_WINDOW)), NOW)).isPresent();
        assertThat(TOKENS.forBounce(issued(NOW.minus(RecipientTokens.BOUNCE_WINDOW).minusSeconds(1)), NOW)).isEmpty();
        assertThat(TOKENS.forBounce(issued(NOW.plus(Duration.ofMinutes(5))), NOW)).isPresent();
        assertThat(TOKENS.forBounce(issued(NOW.plus(Duration.ofDays(2))), NOW)).isEmpty();
    }

    @Test
    void unsubscribingNeverExpires() {
        assertThat(TOKENS.forUnsubscribe(issued(NOW.minus(Duration.ofDays(3650))))).isPresent();
    }
}
