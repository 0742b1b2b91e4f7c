package org.smtpplus.core.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * What every {@link SentNotificationRepository} does; an implementation's test implements this interface. Instants
 * have millisecond precision, as stores keep them.
 */
public interface SentNotificationRepositoryContract {
    String KEY = "bounce-digest/shop/2026-11-21";
    String NEXT_DAY_KEY = "bounce-digest/shop/2026-11-22";
    String OTHER_ACCOUNT_KEY = "bounce-digest/news/2026-11-21";
    Instant AT = Instant.parse("2026-11-22T00:05:00.123Z");
    Instant LATER = AT.plus(Duration.ofMinutes(3).plusMillis(1));
    int RACING_CLAIMS = 16;

    /**
     * An empty repository, new for each test.
     */
    SentNotificationRepository repository();

    @Test
    default void theFirstClaimWins() {
        assertThat(repository().claim(KEY, AT)).isTrue();
    }

    @Test
    default void everyLaterClaimLoses() {
        repository().claim(KEY, AT);

        assertThat(repository().claim(KEY, AT)).isFalse();
        assertThat(repository().claim(KEY, LATER)).isFalse();
        // the first claim wins, not the earliest instant
        assertThat(repository().claim(KEY, AT.minus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    default void claimedAtGivesTheInstantOfTheFirstClaim() {
        repository().claim(KEY, AT);
        repository().claim(KEY, LATER);
        repository().claim(KEY, AT.minusMillis(1));

        assertThat(repository().claimedAt(KEY)).contains(AT);
    }

    @Test
    default void anUnclaimedKeyWasNotClaimed() {
        assertThat(repository().claimedAt(KEY)).isEmpty();

        repository().claim(NEXT_DAY_KEY, AT);

        assertThat(repository().claimedAt(KEY)).isEmpty();
    }

    @Test
    default void differentKeysAreClaimedIndependently() {
        assertThat(repository().claim(KEY, AT)).isTrue();
        assertThat(repository().claim(NEXT_DAY_KEY, LATER)).isTrue();
        assertThat(repository().claim(OTHER_ACCOUNT_KEY, LATER.plusMillis(1))).isTrue();
        assertThat(repository().claim("bounce-digest/shop/2026-11-2", LATER.plusMillis(2))).isTrue();
        // account names are exact: Shop is another account than shop
        assertThat(repository().claim("bounce-digest/Shop/2026-11-21", LATER.plusMillis(3))).isTrue();

        assertThat(repository().claimedAt(KEY)).contains(AT);
        assertThat(repository().claimedAt(NEXT_DAY_KEY)).contains(LATER);
        assertThat(repository().claimedAt(OTHER_ACCOUNT_KEY)).contains(LATER.plusMillis(1));
    }

    @Test
    default void keysWithSlashesAndNonAsciiCharactersWork() {
        String key = "usage-threshold/bücher-café@例え.jp/2026-11/80";

        assertThat(repository().claim(key, AT)).isTrue();
        assertThat(repository().claim(key, LATER)).isFalse();
        assertThat(repository().claimedAt(key)).contains(AT);
        assertThat(repository().claimedAt("usage-threshold/bucher-cafe@例え.jp/2026-11/80")).isEmpty();
        assertThat(repository().claim("usage-threshold/bücher-café@例え.jp/2026-11/90", LATER)).isTrue();
    }

    @Test
    default void ofRacingClaimsExactlyOneWins() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(RACING_CLAIMS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < RACING_CLAIMS; i++) {
                Instant at = AT.plusMillis(i);
                claims.add(executor.submit(() -> {
                    start.await();
                    return repository().claim(KEY, at);
                }));
            }
            start.countDown();
            List<Instant> winners = new ArrayList<>();
            for (int i = 0; i < RACING_CLAIMS; i++) {
                if (claims.get(i).get(2, TimeUnit.MINUTES)) {
                    winners.add(AT.plusMillis(i));
                }
            }

            assertThat(winners).hasSize(1);
            assertThat(repository().claimedAt(KEY)).contains(winners.get(0));
        } finally {
            executor.shutdownNow();
        }
    }
}
