package org.smtpplus.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.ratelimit.AuthThrottle.Refusal;
import org.smtpplus.core.usage.MutableClock;

class AuthThrottleTest {
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final AuthThrottle throttle = new AuthThrottle(new AuthThrottle.Limits(6, 10, WINDOW, 1000), clock);

    @Test
    void theFirstFailuresCostNothingThenEachWaitDoubles() {
        assertThat(AuthThrottle.delayAfter(1)).isZero();
        assertThat(AuthThrottle.delayAfter(3)).isZero();
        assertThat(AuthThrottle.delayAfter(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(AuthThrottle.delayAfter(5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(AuthThrottle.delayAfter(6)).isEqualTo(Duration.ofSeconds(4));
        assertThat(AuthThrottle.delayAfter(9)).isEqualTo(Duration.ofSeconds(30));
        assertThat(AuthThrottle.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anAttemptBeforeTheWaitIsOverIsRefusedThenAllowed() {
        failTimes("192.0.2.1", "shop", 4);

        assertThat(throttle.check("192.0.2.1", "other").orElseThrow().reason()).isEqualTo(Refusal.WAIT);
        assertThat(throttle.check("192.0.2.1", "other").orElseThrow().retryAfter()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.check("192.0.2.1", "other")).isEmpty();
    }

    @Test
    void anAddressAtItsLimitIsRefusedUntilTheWindowHasPassedSinceItsLastFailure() {
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(31));
            throttle.failed("192.0.2.1", "guess" + i);
        }
        clock.advance(Duration.ofMinutes(5));

        assertThat(throttle.check("192.0.2.1", "anyone").orElseThrow().reason()).isEqualTo(Refusal.ADDRESS_LOCKED);
        assertThat(throttle.check("192.0.2.1", "anyone").orElseThrow().retryAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(throttle.check("192.0.2.2", "anyone")).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.check("192.0.2.1", "anyone")).isEmpty();
    }

    @Test
    void theLockIsReportedByTheFailureThatReachesIt() {
        AuthThrottle.Penalty penalty = null;
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofMinutes(1));
            penalty = throttle.failed("192.0.2.1", "shop");
            assertThat(penalty.addressLocked()).isEqualTo(i == 5);
        }
        assertThat(penalty.addressFailures()).isEqualTo(6);
    }

    @Test
    void aNameGuessedFromManyAddressesIsLockedForEveryUnknownAddress() {
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(1));
            throttle.failed("198.51.100." + i, "Shop");
        }

        assertThat(throttle.check("203.0.113.9", "shop").orElseThrow().reason()).isEqualTo(Refusal.ACCOUNT_LOCKED);
        assertThat(throttle.check("203.0.113.9", "other")).isEmpty();
    }

    @Test
    void anAddressThatAuthenticatedAsTheNameIsExemptFromTheNamesLimit() {
        throttle.succeeded("203.0.113.5", "shop");
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(1));
            throttle.failed("198.51.100." + i, "shop");
        }

        assertThat(throttle.check("203.0.113.5", "shop")).isEmpty();
        assertThat(throttle.check("203.0.113.6", "shop").orElseThrow().reason()).isEqualTo(Refusal.ACCOUNT_LOCKED);
    }

    @Test
    void anAddressIsKnownForALimitedTime() {
        throttle.succeeded("203.0.113.5", "shop");
        clock.advance(AuthThrottle.KNOWN_FOR.plusMinutes(1));
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(1));
            throttle.failed("198.51.100." + i, "shop");
        }

        assertThat(throttle.check("203.0.113.5", "shop").orElseThrow().reason()).isEqualTo(Refusal.ACCOUNT_LOCKED);
    }

    @Test
    void failuresAreForgottenOnceTheWindowPassesWithoutANewOne() {
        failTimes("192.0.2.1", "shop", 5);
        clock.advance(WINDOW.plusSeconds(1));

        AuthThrottle.Penalty penalty = throttle.failed("192.0.2.1", "shop");

        assertThat(penalty.addressFailures()).isEqualTo(1);
        assertThat(penalty.delay()).isZero();
    }

    @Test
    void withoutANameLimitOnlyAddressesAreLocked() {
        AuthThrottle addressesOnly = new AuthThrottle(new AuthThrottle.Limits(100, 0, WINDOW, 1000), clock);
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofMinutes(1));
            addressesOnly.failed("198.51.100." + i, "shop");
        }

        assertThat(addressesOnly.check("203.0.113.9", "shop")).isEmpty();
    }

    @Test
    void theTablesKeepAtMostTheConfiguredNumberOfEntries() {
        AuthThrottle small = new AuthThrottle(new AuthThrottle.Limits(6, 10, WINDOW, 100), clock);
        for (int i = 0; i < 10_000; i++) {
            small.failed("10.0." + (i / 256) + "." + (i % 256), "name" + i);
        }

        assertThat(small.tracked()).isLessThanOrEqualTo(200);
    }

    private void failTimes(String address, String account, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(address, account);
        }
    }
}
