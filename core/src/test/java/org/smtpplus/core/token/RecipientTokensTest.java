package org.smtpplus.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RecipientTokensTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String BOUNCE_DOMAIN = "bounces.example.com";

    private final Set<String> registered = new HashSet<>(Set.of("bounces.shop.example"));
    private final RecipientTokens tokens = new RecipientTokens("ef72ab75c60b988e7095374bce668bd5462b0a8f551619f0763eac50966a9b78",
        new TokenAddresses("Bounces.Example.com", registered::contains), URI.create("https://relay.example/"));

    private static RecipientToken token(Instant at) {
        return new RecipientToken("shop", "customers", "<m1@shop.example>", "jane@example.com", at);
    }

    /** The local part of the copy's return path at that domain. */
    private String returnPath(Instant at, String domain) {
        String address = tokens.returnPath(token(at), domain);
        return address.substring(0, address.lastIndexOf('@'));
    }

    private String returnPath(Instant at) {
        return returnPath(at, BOUNCE_DOMAIN);
    }

    private String unsubscribe(Instant at) {
        return tokens.issueUnsubscribe(token(at));
    }

    @Test
    void theLinksAndAddressesOfAToken() {
        String token = unsubscribe(NOW);

        assertThat(tokens.unsubscribeUrl(token)).isEqualTo("https://relay.example/u/" + token);
        assertThat(tokens.addresses().bounces(token, "bounces.example.com")).isEqualTo("bounces+" + token + "@bounces.example.com");
        assertThat(tokens.addresses().bounces(token, "Bounces.Shop.example")).isEqualTo("bounces+" + token + "@bounces.shop.example");
        assertThat(tokens.returnPath(token(NOW), "Bounces.Example.com")).startsWith("bounces+").endsWith("@bounces.example.com");
        assertThat(tokens.returnPath(token(NOW), "Bounces.Shop.example")).startsWith("bounces+").endsWith("@bounces.shop.example");
        assertThat(tokens.listUnsubscribe(token))
            .isEqualTo("<https://relay.example/u/" + token + ">, <mailto:unsubscribe+" + token + "@bounces.example.com>");
    }

    @Test
    void openAndClickUrlsCarryTheirCopyAndOnlyTheirOwnPurpose() {
        String open = tokens.openUrl(token(NOW));
        String click = tokens.clickUrl(token(NOW), "https://shop.example/p?a=1&b=2").orElseThrow();
        String openToken = open.substring("https://relay.example/o/".length());
        String clickToken = click.substring("https://relay.example/c/".length());

        assertThat(open).startsWith("https://relay.example/o/");
        assertThat(click).startsWith("https://relay.example/c/");
        assertThat(tokens.forOpen(openToken)).contains(token(NOW));
        assertThat(tokens.forClick(clickToken)).hasValueSatisfying(verified -> {
            assertThat(verified.token()).isEqualTo(token(NOW));
            assertThat(verified.target()).isEqualTo("https://shop.example/p?a=1&b=2");
        });
        assertThat(tokens.forUnsubscribe(openToken)).isEmpty();
        assertThat(tokens.forOpen(unsubscribe(NOW))).isEmpty();
        assertThat(tokens.forClick(openToken)).isEmpty();
        assertThat(tokens.clickUrl(token(NOW), "https://shop.example/" + "é".repeat(TokenSigner.MAX_TARGET_LENGTH / 2))).isEmpty();
    }

    @Test
    void bounceAndUnsubscribeAddressesAreRecognised() {
        assertThat(tokens.forAddress(returnPath(NOW), "bounces.example.com", NOW))
            .hasValueSatisfying(addressed -> assertThat(addressed.kind()).isEqualTo(TokenAddresses.Kind.BOUNCES));
        assertThat(tokens.forAddress("UNSUBSCRIBE+" + unsubscribe(NOW), "BOUNCES.example.com", NOW))
            .hasValueSatisfying(addressed -> assertThat(addressed.kind()).isEqualTo(TokenAddresses.Kind.UNSUBSCRIBE));
    }

    @Test
    void aRegisteredReturnPathTakesItsOwnReturnPathsAndUnsubscribeAddresses() {
        String branded = returnPath(NOW, "bounces.shop.example");

        assertThat(tokens.forAddress(branded, "Bounces.Shop.Example", NOW))
            .hasValueSatisfying(addressed -> assertThat(addressed.kind()).isEqualTo(TokenAddresses.Kind.BOUNCES));
        assertThat(tokens.forAddress("unsubscribe+" + unsubscribe(NOW), "bounces.shop.example", NOW))
            .hasValueSatisfying(addressed -> assertThat(addressed.kind()).isEqualTo(TokenAddresses.Kind.UNSUBSCRIBE));
        assertThat(tokens.forAddress(branded.substring(0, branded.length() - 1), "bounces.shop.example", NOW)).isEmpty();
        // A return path is bound to its domain.
        assertThat(tokens.forAddress(returnPath(NOW), "bounces.shop.example", NOW)).isEmpty();
        assertThat(tokens.forAddress(branded, BOUNCE_DOMAIN, NOW)).isEmpty();
        assertThat(tokens.claims("anyone", "bounces.shop.example")).isFalse();
    }

    @Test
    void aReturnPathDomainThatIsTheSendingDomainItselfIsClaimedOnlyForTokenLocalParts() {
        registered.add("shop.example");

        assertThat(tokens.claims("orders", "shop.example")).isFalse();
        assertThat(tokens.claims("Orders+bounces", "Shop.Example")).isFalse();
        assertThat(tokens.claims("bounces+", "shop.example")).isFalse();
        assertThat(tokens.claims("bounces+anything", "shop.example")).isTrue();
        assertThat(tokens.claims("UNSUBSCRIBE+anything", "Shop.Example")).isTrue();
        assertThat(tokens.forAddress("orders", "shop.example", NOW)).isEmpty();
        assertThat(tokens.forAddress(returnPath(NOW, "shop.example"), "shop.example", NOW)).isPresent();
        // The bounce domain stays wholly the relay's.
        assertThat(tokens.claims("postmaster", "Bounces.Example.com")).isTrue();
        assertThat(tokens.claims("orders", "other.example")).isFalse();
        assertThat(tokens.claims("bounces+anything", "other.example")).isFalse();
    }

    @Test
    void aReturnPathNoLongerRegisteredStillTakesItsBouncesForTheBounceWindow() {
        String sentBefore = returnPath(NOW.minus(Duration.ofDays(3)), "bounces.shop.example");
        String expired = returnPath(NOW.minus(RecipientTokens.BOUNCE_WINDOW).minusSeconds(1), "bounces.shop.example");
        registered.remove("bounces.shop.example");

        assertThat(tokens.claims(sentBefore, "bounces.shop.example")).isTrue();
        assertThat(tokens.forAddress(sentBefore, "Bounces.Shop.Example", NOW))
            .hasValueSatisfying(addressed -> assertThat(addressed.token()).isEqualTo(token(NOW.minus(Duration.ofDays(3)))));
        // Still the relay's, refused at RCPT as an expired token is.
        assertThat(tokens.claims(expired, "bounces.shop.example")).isTrue();
        assertThat(tokens.forAddress(expired, "bounces.shop.example", NOW)).isEmpty();
        // Only what the relay wrote there: no other token, address or domain.
        assertThat(tokens.claims(sentBefore, "other.example")).isFalse();
        assertThat(tokens.claims(returnPath(NOW), "bounces.shop.example")).isFalse();
        assertThat(tokens.claims("unsubscribe+" + unsubscribe(NOW), "bounces.shop.example")).isFalse();
        assertThat(tokens.claims("bounces+" + sentBefore.substring("bounces+".length() + 1), "bounces.shop.example")).isFalse();
        assertThat(tokens.claims("postmaster", "bounces.shop.example")).isFalse();
    }

    // An unsubscribe link is seen by whoever the message is forwarded to: it must not report a bounce or a complaint.
    @Test
    void anUnsubscribeTokenIsNoReturnPathAndTheOtherWayRound() {
        assertThat(tokens.forAddress("bounces+" + unsubscribe(NOW), "bounces.example.com", NOW)).isEmpty();
        assertThat(tokens.forAddress("bounces+" + unsubscribe(NOW), "bounces.shop.example", NOW)).isEmpty();
        assertThat(tokens.forAddress("unsubscribe+" + token(returnPath(NOW)), "bounces.example.com", NOW)).isEmpty();
        assertThat(tokens.forUnsubscribe(token(returnPath(NOW)))).isEmpty();
        assertThat(tokens.forUnsubscribe(token(returnPath(NOW, "bounces.shop.example")))).isEmpty();
    }

    @Test
    void otherAddressesAreNot() {
        String token = token(returnPath(NOW));

        assertThat(tokens.forAddress("bounces+" + token, "other.example.com", NOW)).isEmpty();
        assertThat(tokens.forAddress("postmaster", "bounces.example.com", NOW)).isEmpty();
        assertThat(tokens.forAddress("bounces+", "bounces.example.com", NOW)).isEmpty();
        assertThat(tokens.forAddress("bounces+" + token.toLowerCase(), "bounces.example.com", NOW)).isEmpty();
        assertThat(tokens.forAddress("other+" + token, "bounces.example.com", NOW)).isEmpty();
    }

    @Test
    void aBounceIsTakenWithinItsWindowOnly() {
        for (String domain : Set.of(BOUNCE_DOMAIN, "bounces.shop.example")) {
            assertThat(bounce(NOW.minus(RecipientTokens.BOUNCE_WINDOW), domain)).isPresent();
            assertThat(bounce(NOW.minus(RecipientTokens.BOUNCE_WINDOW).minusSeconds(1), domain)).isEmpty();
            assertThat(bounce(NOW.plus(Duration.ofMinutes(5)), domain)).isPresent();
            assertThat(bounce(NOW.plus(Duration.ofDays(2)), domain)).isEmpty();
        }
    }

    @Test
    void unsubscribingNeverExpires() {
        assertThat(tokens.forUnsubscribe(unsubscribe(NOW.minus(Duration.ofDays(3650))))).isPresent();
    }

    private Optional<RecipientTokens.Addressed> bounce(Instant issuedAt, String domain) {
        return tokens.forAddress(returnPath(issuedAt, domain), domain, NOW);
    }

    private static String token(String localPart) {
        return localPart.substring(localPart.indexOf('+') + 1);
    }
}
