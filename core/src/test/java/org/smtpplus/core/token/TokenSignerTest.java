package org.smtpplus.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSignerTest {
    private static final String SECRET = "86eb90a330ce2af3b370620b3ca2bee704c37dace75481b4089df7e9a7ad67bb";
    private static final TokenSigner SIGNER = new TokenSigner(SECRET, TokenPurpose.UNSUBSCRIBE);
    private static final RecipientToken TOKEN = new RecipientToken("shop", "customers", "<order-42@shop.example>",
        "Jane.Doe@Example.com", Instant.parse("2026-11-22T10:15:30.500Z"));

    @Test
    void aTokenVerifiesToWhatItNames() {
        assertThat(SIGNER.verify(SIGNER.issue(TOKEN))).contains(TOKEN);
    }

    @Test
    void tokensIssuedBeforeDomainBindingStillVerifyAndAreStillWrittenTheSame() {
        // Issued by the signer of 8678aa9, before tokens could be bound to a return-path domain: copies sent then have
        // them in their return path and List-Unsubscribe, and their bounces and unsubscribes must keep working.
        String unsubscribe = "AWsCwMIEc2hvcAljdXN0b21lcnMXPG9yZGVyLTQyQHNob3AuZXhhbXBsZT4UamFuZS5kb2VAZXhhbXBsZS5jb21u5QOFRkgicY9I2Ws";
        String returnPath = "AWsCwMIEc2hvcAljdXN0b21lcnMXPG9yZGVyLTQyQHNob3AuZXhhbXBsZT4UamFuZS5kb2VAZXhhbXBsZS5jb22UH5Jzch3trTSAvjA";
        TokenSigner returnPaths = new TokenSigner(SECRET, TokenPurpose.RETURN_PATH);

        assertThat(SIGNER.verify(unsubscribe)).hasValueSatisfying(token -> assertThat(token.messageId()).isEqualTo(TOKEN.messageId()));
        assertThat(returnPaths.verify(returnPath)).isPresent();
        assertThat(SIGNER.issue(TOKEN)).isEqualTo(unsubscribe);
        assertThat(returnPaths.issue(TOKEN)).isEqualTo(returnPath);
    }

    @Test
    void aTokenBoundToADomainVerifiesAtThatDomainOnly() {
        String bound = SIGNER.issueAt(TOKEN, "Bounces.Shop.Example");

        assertThat(SIGNER.verifyAt(bound, "bounces.shop.example")).contains(TOKEN);
        assertThat(bound).hasSameSizeAs(SIGNER.issue(TOKEN));
        assertThat(SIGNER.verifyAt(bound, "shop.example")).isEmpty();
        assertThat(SIGNER.verifyAt(bound, "bounces.shop.example.")).isEmpty();
        assertThat(SIGNER.verify(bound)).isEmpty();
        assertThat(SIGNER.verifyAt(SIGNER.issue(TOKEN), "bounces.shop.example")).isEmpty();
        assertThat(SIGNER.verifyAt(bound, "")).isEmpty();
        assertThat(SIGNER.verifyAt(bound, "x".repeat(256))).isEmpty();
    }

    @Test
    void aTargetedTokenCarriesItsTargetAndVerifiesAsSuchOnly() {
        TokenSigner clicks = new TokenSigner(SECRET, TokenPurpose.CLICK);
        String url = "https://shop.example/p?a=1&b=2#top";
        String targeted = clicks.issueTargeted(TOKEN, url);

        assertThat(clicks.verifyTargeted(targeted)).hasValueSatisfying(verified -> {
            assertThat(verified.token()).isEqualTo(TOKEN);
            assertThat(verified.target()).isEqualTo(url);
        });
        assertThat(clicks.verify(targeted)).isEmpty();
        assertThat(clicks.verifyTargeted(clicks.issue(TOKEN))).isEmpty();
        assertThat(SIGNER.verifyTargeted(SIGNER.issueTargeted(TOKEN, url))).isPresent();
        assertThat(clicks.verifyTargeted(SIGNER.issueTargeted(TOKEN, url))).isEmpty();
    }

    @Test
    void everyChangedCharacterOfATargetedTokenIsRefused() {
        String targeted = SIGNER.issueTargeted(TOKEN, "https://bücher.example/straße");
        for (int i = 0; i < targeted.length(); i++) {
            char replacement = targeted.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = targeted.substring(0, i) + replacement + targeted.substring(i + 1);
            assertThat(SIGNER.verifyTargeted(tampered)).as("changed at %d", i).isEmpty();
        }
    }

    @Test
    void aTargetUpToTheLimitIsCarriedAndALongerOneRefused() {
        String longest = "https://shop.example/" + "a".repeat(TokenSigner.MAX_TARGET_LENGTH - "https://shop.example/".length());
        String longestFields = "x".repeat(1024);
        RecipientToken widest = new RecipientToken(longestFields, longestFields, longestFields, longestFields, TOKEN.issuedAt());

        assertThat(SIGNER.verifyTargeted(SIGNER.issueTargeted(widest, longest))).hasValueSatisfying(verified ->
            assertThat(verified.target()).isEqualTo(longest));
        assertThatThrownBy(() -> SIGNER.issueTargeted(TOKEN, longest + "a"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4096");
    }

    @Test
    void theRecipientIsLowerCasedAndTheTimeKeptInWholeSeconds() {
        RecipientToken verified = SIGNER.verify(SIGNER.issue(TOKEN)).orElseThrow();

        assertThat(verified.recipient()).isEqualTo("jane.doe@example.com");
        assertThat(verified.issuedAt()).isEqualTo(Instant.parse("2026-11-22T10:15:30Z"));
    }

    @Test
    void aTokenIsUrlSafeAndFitsAnEmailLocalPart() {
        // RFC 5322 section 3.2.3: atext; base64url uses letters, digits, '-' and '_' only
        assertThat(SIGNER.issue(TOKEN)).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void aTokenIsCompact() {
        assertThat(SIGNER.issue(TOKEN).length()).isLessThan(120);
    }

    @Test
    void nonAsciiFieldsSurvive() {
        RecipientToken token = new RecipientToken("bücher", "liste-été", "<é@example>", "a@example.com", Instant.EPOCH);

        assertThat(SIGNER.verify(SIGNER.issue(token))).contains(token);
    }

    @Test
    void longFieldsSurvive() {
        RecipientToken token = new RecipientToken("shop", "customers", "<" + "x".repeat(900) + "@example>", "a@example.com", Instant.EPOCH);

        assertThat(SIGNER.verify(SIGNER.issue(token))).contains(token);
    }

    @Test
    void everyChangedCharacterIsRefused() {
        String token = SIGNER.issue(TOKEN);
        for (int i = 0; i < token.length(); i++) {
            char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = token.substring(0, i) + replacement + token.substring(i + 1);
            assertThat(SIGNER.verify(tampered)).as("changed at %d", i).isEmpty();
        }
    }

    @Test
    void aTokenOfAnotherSecretIsRefused() {
        TokenSigner other = new TokenSigner("02e457a093612072dbbb3427c5ee714041e7cc5b9f9a34239dc1d53b3eddb3fd", TokenPurpose.UNSUBSCRIBE);

        assertThat(SIGNER.verify(other.issue(TOKEN))).isEmpty();
    }

    @Test
    void aTokenOfAnotherPurposeIsRefused() {
        TokenSigner returnPaths = new TokenSigner(SECRET, TokenPurpose.RETURN_PATH);

        assertThat(returnPaths.verify(SIGNER.issue(TOKEN))).isEmpty();
        assertThat(SIGNER.verify(returnPaths.issue(TOKEN))).isEmpty();
    }

    @Test
    void aForgedPayloadWithoutTheKeyIsRefused() {
        byte[] decoded = Base64.getUrlDecoder().decode(SIGNER.issue(TOKEN));
        decoded[decoded.length - 13] ^= 1;

        assertThat(SIGNER.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(decoded))).isEmpty();
    }

    @Test
    void garbageIsRefused() {
        assertThat(SIGNER.verify("")).isEmpty();
        assertThat(SIGNER.verify("not a token!")).isEmpty();
        assertThat(SIGNER.verify("AAAA")).isEmpty();
        assertThat(SIGNER.verify("A".repeat(5000))).isEmpty();
        assertThat(SIGNER.verify(SIGNER.issue(TOKEN) + "A")).isEmpty();
        assertThat(SIGNER.verify(SIGNER.issue(TOKEN).substring(1))).isEmpty();
    }

    @Test
    void aWeakSecretIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> new TokenSigner("a test secret of enough length", TokenPurpose.UNSUBSCRIBE))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("256 bits")
            .hasMessageNotContaining("a test secret");
    }

    @Test
    void aGeneratedSecretIsKeptAndReadOnlyByItsOwner(@TempDir Path home) throws Exception {
        Path file = home.resolve("var/smtpplus-secret");

        String first = GeneratedSecret.loadOrCreate(file);
        String second = GeneratedSecret.loadOrCreate(file);

        assertThat(first).isEqualTo(second).matches("[0-9a-f]{64}");
        assertThat(SecretStrength.of(first).isStrong()).isTrue();
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void aKeptSecretThatIsTooWeakStopsTheRelayWithoutShowingIt(@TempDir Path home) throws Exception {
        Path file = Files.createDirectories(home.resolve("var")).resolve("smtpplus-secret");
        Files.writeString(file, "a test secret of enough length");

        assertThatThrownBy(() -> GeneratedSecret.loadOrCreate(file))
            .hasMessageContaining(file.toString())
            .hasMessageContaining("Delete the file to have one generated")
            .hasMessageNotContaining("a test secret");
    }

    // An earlier relay kept 43 characters of base64url; one without a digit, '-' or '_' is below the estimate, but was
    // random by making: its mail's links must keep working.
    @Test
    void aKeyAnEarlierRelayGeneratedIsKeptEvenWhenTheEstimateFindsItWeak(@TempDir Path home) throws Exception {
        Path file = Files.createDirectories(home.resolve("var")).resolve("smtpplus-secret");
        String earlier = "QwErTyUiOpAsDfGhJkLzXcVbNmQwErTyUiOpAsDfGhJ";
        Files.writeString(file, earlier);

        assertThat(SecretStrength.of(earlier).isStrong()).isFalse();
        assertThat(GeneratedSecret.loadOrCreate(file)).isEqualTo(earlier);
    }
}
