package org.smtpplus.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void aHashVerifiesItsPassword() {
        String hash = hasher.hash("s3cret");

        assertThat(hasher.verify("s3cret", hash)).isTrue();
    }

    @Test
    void aHashRejectsOtherPasswords() {
        String hash = hasher.hash("s3cret");

        assertThat(hasher.verify("s3cret ", hash)).isFalse();
        assertThat(hasher.verify("S3cret", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void theEncodingNamesSchemeIterationsSaltAndHash() {
        String[] parts = hasher.hash("s3cret").split("\\$");

        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(Integer.parseInt(parts[1])).isGreaterThanOrEqualTo(120_000);
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
    }

    @Test
    void eachHashHasItsOwnSalt() {
        assertThat(hasher.hash("s3cret")).isNotEqualTo(hasher.hash("s3cret"));
    }

    @Test
    void nonAsciiPasswordsWork() {
        String hash = hasher.hash("p\u00e4ss w\u00f6rd \u65e5\u672c");

        assertThat(hasher.verify("p\u00e4ss w\u00f6rd \u65e5\u672c", hash)).isTrue();
        assertThat(hasher.verify("pass word", hash)).isFalse();
    }

    @Test
    void verificationUsesTheIterationCountOfTheHash() {
        // RFC 7914 section 11, test vector 1 of PBKDF2-HMAC-SHA256: P="passwd", S="salt", c=1, dkLen=64
        String vector = "pbkdf2-sha256$1$" + Base64.getEncoder().encodeToString("salt".getBytes()) + "$"
            + "VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLxJypzM8Xm2RZkWZLOdd+8xfHG4RbHjC9UJESBB06GXgw==";

        assertThat(hasher.verify("passwd", vector)).isTrue();
        assertThat(hasher.verify("passwe", vector)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "pbkdf2-sha256$x$c2FsdA$aGFzaA", "pbkdf2-sha256$0$c2FsdA$aGFzaA",
        "pbkdf2-sha256$-5$c2FsdA$aGFzaA", "pbkdf2-sha256$1000$$aGFzaA", "pbkdf2-sha256$1000$c2FsdA$",
        "pbkdf2-sha256$1000$!!$aGFzaA", "pbkdf2-sha1$1000$c2FsdA$aGFzaA", "pbkdf2-sha256$1000$c2FsdA$aGFzaA$extra",
        "pbkdf2-sha256$2000000000$c2FsdA$aGFzaA"})
    void malformedHashesVerifyNothingAtTheCostOfOneDerivation(String encoded) {
        long before = hasher.derivations();

        assertThat(hasher.verify("s3cret", encoded)).isFalse();
        assertThat(hasher.derivations()).isEqualTo(before + 1);
    }

    // An unknown name, an account without a password and a wrong password cost the same: one derivation each, so a
    // stranger cannot tell the names that exist by the time the relay takes to answer.
    @Test
    void everyVerificationCostsExactlyOneDerivation() {
        String hash = hasher.hash("s3cret");
        long before = hasher.derivations();

        hasher.verify("s3cret", hash);
        hasher.verify("wrong", hash);
        hasher.verify("", hash);
        hasher.verify("anything", Account.NO_PASSWORD);
        assertThat(hasher.verifyNothing("anything")).isFalse();
        assertThat(hasher.verifyNothing("")).isFalse();

        assertThat(hasher.derivations()).isEqualTo(before + 6);
    }

    @Test
    void theNoPasswordHashVerifiesNothing() {
        assertThat(hasher.verify("", Account.NO_PASSWORD)).isFalse();
        assertThat(hasher.verify("anything", Account.NO_PASSWORD)).isFalse();
    }

    @Test
    void anEmptyPasswordIsNotHashed() {
        assertThatThrownBy(() -> hasher.hash("")).isInstanceOf(IllegalArgumentException.class);
    }
}
