package org.smtpplus.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretStrengthTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @ValueSource(strings = {
        // openssl rand -hex 32
        "0927e2ea4c054eedf3a2d461e7da9a9eadb15ba2f9920f50f9403e99efacae5e",
        "d5716e6d9d01a71235e3163e47e3cbe41f41ec517d5383e4f7d6dbf19cbe97ff",
        // openssl rand -base64 32
        "2yQXzOP8T+T/QO/037wNiAJFsyeBBnJAsALyDlkoM2g=",
        "EfiGSlysF+ftp/aRbIG6HZKQ33UJ77NRt8Cc2D9j0jA="})
    void whatOpensslRandMakesPasses(String secret) {
        assertThat(SecretStrength.of(secret).isStrong()).isTrue();
    }

    @Test
    void everyDrawOfOpensslRandsFormatsPasses() {
        // The same formats from 32 random bytes, many times: a format that failed now and then would stop a relay.
        for (int i = 0; i < 10_000; i++) {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            String hex = hex(key);
            String base64 = Base64.getEncoder().encodeToString(key);
            assertThat(SecretStrength.of(hex).isStrong()).as(hex).isTrue();
            assertThat(SecretStrength.of(base64).isStrong()).as(base64).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "passwordpasswordpasswordpassword",                                   // a word repeated to 32 characters
        "correcthorsebatterystaplecorrecthorsebatterystaplecorrecthorse",     // 62 letters, but three times the same 25
        "Tr0ub4dor&3Tr0ub4dor&3Tr0ub4dor&3Tr0ub4dor&3Tr0ub4dor&3",            // every kind, repeated
        "aB3$eF6*hI9!kL2@nO5#qR8%tU1^wX4&zA7",                               // 35 characters: no string that short passes
        "sixteen chars at least",                                            // what the old rule of 16 characters took
        "0101010101010101010101010101010101010101010101010101010101010101",  // 64 characters, 2 different
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ""})
    void weakSecretsFail(String secret) {
        assertThat(SecretStrength.of(secret).isStrong()).isFalse();
    }

    @Test
    void theEstimateIsLengthTimesLog2OfTheKindsUsed() {
        assertThat(SecretStrength.of("a".repeat(9) + "bcdefghijk").estimatedBits()).isCloseTo(19 * Math.log(26) / Math.log(2), within());
        assertThat(SecretStrength.of("abcdefghijABCDEFGHIJ0123456789!@#$%^&*()").estimatedBits())
            .isCloseTo(40 * Math.log(95) / Math.log(2), within());
        // Two and a half times "wordword": counted once.
        assertThat(SecretStrength.of("abcdefghijabcdefghijabcde").estimatedBits()).isCloseTo(10 * Math.log(26) / Math.log(2), within());
    }

    @Test
    void fortyCharactersOfEveryKindPassAndTenDifferentOnesAreNeeded() {
        assertThat(SecretStrength.of("abcdefghijABCDEFGHIJ0123456789!@#$%^&*()").isStrong()).isTrue();
        // 60 characters of every kind, about 394 bits by the estimate, but drawn from 9 different ones.
        Random random = new Random(12);
        StringBuilder nine = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            nine.append("aB3$eF6*h".charAt(random.nextInt(9)));
        }
        assertThat(SecretStrength.of(nine.toString()).estimatedBits()).isGreaterThan(256);
        assertThat(SecretStrength.of(nine.toString()).isStrong()).isFalse();
    }

    @Test
    void theDescriptionNeverHoldsTheSecret() {
        String secret = "passwordpasswordpasswordpassword";

        String description = SecretStrength.of(secret).description();

        assertThat(description).isEqualTo("32 characters repeating their first 8 (lower-case letters), 7 different, an estimated 37 bits")
            .doesNotContain("password");
        assertThat(SecretStrength.requirement()).contains("256 bits", "openssl rand -hex 32");
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
