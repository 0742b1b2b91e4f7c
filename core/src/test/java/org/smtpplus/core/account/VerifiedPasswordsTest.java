package org.smtpplus.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.google.common.base.Ticker;
import com.google.common.hash.Hashing;
import com.google.common.primitives.Bytes;

class VerifiedPasswordsTest {
    private static final Duration TTL = Duration.ofMinutes(5);

    private static final class FakeTicker extends Ticker {
        private final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }

    private final PasswordHasher hasher = new PasswordHasher();
    private final FakeTicker ticker = new FakeTicker();
    private final VerifiedPasswords verified = new VerifiedPasswords(hasher, TTL, 100, ticker);
    // One derivation of 210,000 iterations is slow on purpose: the tests share it between accounts where they can.
    private final String secretHash = hasher.hash("s3cret");
    private final Account shop = Account.builder("shop").passwordHash(secretHash).build();

    @Test
    void aPasswordThatVerifiedIsNotDerivedAgain() {
        assertThat(derivationsOf(() -> assertThat(verified.verify(shop, "s3cret")).isTrue())).isEqualTo(1);

        assertThat(derivationsOf(() -> assertThat(verified.verify(shop, "s3cret")).isTrue())).isZero();
    }

    @Test
    void aWrongPasswordCostsItsDerivationEveryTimeEvenBesideARememberedOne() {
        verified.verify(shop, "s3cret");

        for (int i = 0; i < 3; i++) {
            assertThat(derivationsOf(() -> assertThat(verified.verify(shop, "guess")).isFalse())).isEqualTo(1);
        }
        assertThat(verified.size()).isEqualTo(1);
    }

    @Test
    void aChangedPasswordHashMakesTheRememberedPasswordFailAtOnce() {
        verified.verify(shop, "s3cret");
        Account changed = shop.toBuilder().passwordHash(hasher.hash("n3w")).build();

        assertThat(derivationsOf(() -> assertThat(verified.verify(changed, "s3cret")).isFalse())).isEqualTo(1);
        assertThat(verified.verify(changed, "n3w")).isTrue();
        assertThat(derivationsOf(() -> assertThat(verified.verify(changed, "n3w")).isTrue())).isZero();
    }

    // A new hash of the same password has a new salt: it is verified afresh, never taken on trust.
    @Test
    void theSamePasswordHashedAgainIsVerifiedAgain() {
        verified.verify(shop, "s3cret");
        Account rehashed = shop.toBuilder().passwordHash(hasher.hash("s3cret")).build();

        assertThat(derivationsOf(() -> assertThat(verified.verify(rehashed, "s3cret")).isTrue())).isEqualTo(1);
    }

    @Test
    void anAccountWithoutPasswordIsNeverRemembered() {
        Account none = Account.builder("none").build();

        assertThat(verified.verify(none, "")).isFalse();
        assertThat(verified.verify(none, "anything")).isFalse();
        assertThat(verified.size()).isZero();
    }

    @Test
    void aSuccessIsRememberedForItsNameOnly() {
        Account other = Account.builder("other").passwordHash(secretHash).build();
        verified.verify(shop, "s3cret");

        assertThat(derivationsOf(() -> assertThat(verified.verify(other, "s3cret")).isTrue())).isEqualTo(1);
    }

    @Test
    void aSuccessIsForgottenTheTtlAfterItsVerificationHoweverOftenItIsUsed() {
        verified.verify(shop, "s3cret");
        ticker.advance(TTL.minusSeconds(1));
        assertThat(derivationsOf(() -> assertThat(verified.verify(shop, "s3cret")).isTrue())).isZero();

        ticker.advance(Duration.ofSeconds(1));

        assertThat(derivationsOf(() -> assertThat(verified.verify(shop, "s3cret")).isTrue())).isEqualTo(1);
        assertThat(derivationsOf(() -> assertThat(verified.verify(shop, "s3cret")).isTrue())).isZero();
    }

    @Test
    void atMostTheCapacityIsRemembered() {
        VerifiedPasswords small = new VerifiedPasswords(hasher, TTL, 3, ticker);
        for (int i = 0; i < 20; i++) {
            assertThat(small.verify(Account.builder("shop" + i).passwordHash(secretHash).build(), "s3cret")).isTrue();
        }

        assertThat(small.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void theKeyHoldsNeitherThePasswordNorAnUnkeyedDigestOfIt() {
        byte[] key = verified.key("shop", "s3cret").asBytes();
        byte[] password = "s3cret".getBytes(StandardCharsets.UTF_8);

        assertThat(Bytes.indexOf(key, password)).isEqualTo(-1);
        assertThat(key).isNotEqualTo(Hashing.sha256().hashBytes(password).asBytes())
            .isNotEqualTo(Hashing.sha256().hashString("shops3cret", StandardCharsets.UTF_8).asBytes());
        // The HMAC key is random, of this instance: another process computes other keys for the same credentials.
        assertThat(key).isNotEqualTo(new VerifiedPasswords(hasher).key("shop", "s3cret").asBytes());
        assertThat(verified.key("shop", "s3cret")).isEqualTo(verified.key("shop", "s3cret"));
    }

    @Test
    void theNameAndPasswordCannotBeShiftedIntoOneAnother() {
        assertThat(verified.key("shop", "s3cret")).isNotEqualTo(verified.key("shops", "3cret"));
    }

    @Test
    void aCacheWithoutLifetimeOrRoomIsRefused() {
        assertThatThrownBy(() -> new VerifiedPasswords(hasher, Duration.ZERO, 10, ticker))
            .hasMessageContaining("ttl PT0S");
        assertThatThrownBy(() -> new VerifiedPasswords(hasher, TTL, 0, ticker))
            .hasMessageContaining("capacity 0");
    }

    private long derivationsOf(Runnable attempt) {
        long before = hasher.derivations();
        attempt.run();
        return hasher.derivations() - before;
    }
}
