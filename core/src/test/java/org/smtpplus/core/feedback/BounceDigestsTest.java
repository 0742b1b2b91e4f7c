package org.smtpplus.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.bounce.MemoryBounceRepository;
import org.smtpplus.core.notification.MemorySentNotificationRepository;

class BounceDigestsTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static final Instant YESTERDAY_NOON = Instant.parse("2026-11-21T12:00:00Z");
    private static final Instant TODAY = Instant.parse("2026-11-22T00:00:00Z");

    private final MemoryAccountRepository accounts = new MemoryAccountRepository();
    private final MemoryBounceRepository bounces = new MemoryBounceRepository();
    private final MemorySentNotificationRepository sent = new MemorySentNotificationRepository();

    @BeforeEach
    void accounts() {
        accounts.save(Account.builder("shop").notifyAddresses(List.of("it@shop.example")).build());
        accounts.save(Account.builder("quiet").build());
    }

    /** What a sender does: the due digests it could claim. */
    private List<BounceDigests.Digest> claimDue(BounceDigests digests) {
        return digests.due().stream().filter(digests::claim).collect(Collectors.toList());
    }

    private BounceDigests at(Instant now) {
        return new BounceDigests(accounts, bounces, sent, DAY, Clock.fixed(now, ZoneOffset.UTC));
    }

    private void bounce(String account, String recipient, BounceReason reason, Instant at) {
        bounces.record(new Bounce(recipient, reason, Optional.of("5.1.1"), "550 5.1.1 unknown", at, account, "<" + recipient + at + ">"));
    }

    @Test
    void yesterdaysBouncesAreOneDigestOnceTheGraceIsOver() {
        bounce("shop", "a@example.com", BounceReason.USER_UNKNOWN, YESTERDAY_NOON);
        bounce("shop", "b@example.com", BounceReason.MAILBOX_FULL, YESTERDAY_NOON.plusSeconds(60));
        bounce("shop", "today@example.com", BounceReason.USER_UNKNOWN, TODAY.plusSeconds(10));

        assertThat(claimDue(at(TODAY.plusSeconds(60)))).as("within the grace").isEmpty();
        List<BounceDigests.Digest> due = claimDue(at(TODAY.plus(Duration.ofMinutes(6))));

        assertThat(due).singleElement().satisfies(digest -> {
            assertThat(digest.account()).isEqualTo("shop");
            assertThat(digest.notifyAddresses()).containsExactly("it@shop.example");
            assertThat(digest.values()).containsEntry("count", "2").containsEntry("hard", "1").containsEntry("soft", "1")
                .containsEntry("block", "0").containsEntry("from", "2026-11-21T00:00:00Z").containsEntry("to", "2026-11-22T00:00:00Z");
            assertThat(digest.values().get("bounces")).contains("a@example.com", "b@example.com").doesNotContain("today@example.com");
        });
    }

    @Test
    void aDigestIsClaimedOnceWhoeverAsks() {
        bounce("shop", "a@example.com", BounceReason.USER_UNKNOWN, YESTERDAY_NOON);

        assertThat(claimDue(at(TODAY.plus(Duration.ofHours(1))))).hasSize(1);
        assertThat(claimDue(at(TODAY.plus(Duration.ofHours(2))))).isEmpty();
    }

    @Test
    void accountsWithoutNotifyAddressesOrBouncesGetNone() {
        bounce("quiet", "a@example.com", BounceReason.USER_UNKNOWN, YESTERDAY_NOON);
        bounce("deleted", "b@example.com", BounceReason.USER_UNKNOWN, YESTERDAY_NOON);

        assertThat(claimDue(at(TODAY.plus(Duration.ofHours(1))))).isEmpty();
    }

    @Test
    void aRelayBackAfterADayDownSendsTheDigestsItMissedWithinTheLookback() {
        bounce("shop", "old@example.com", BounceReason.USER_UNKNOWN, YESTERDAY_NOON.minus(Duration.ofDays(BounceDigests.LOOKBACK_PERIODS)));
        bounce("shop", "a@example.com", BounceReason.USER_UNKNOWN, YESTERDAY_NOON.minus(DAY));
        bounce("shop", "b@example.com", BounceReason.USER_UNKNOWN, YESTERDAY_NOON);

        assertThat(claimDue(at(TODAY.plus(Duration.ofHours(1)))))
            .extracting(digest -> digest.values().get("from"))
            .containsExactly("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z");
    }

    @Test
    void aLongDigestListsItsFirstBouncesAndCountsTheRest() {
        for (int i = 0; i < BounceDigests.LISTED_BOUNCES + 5; i++) {
            bounce("shop", "r" + i + "@example.com", BounceReason.MAILBOX_FULL, YESTERDAY_NOON.plusSeconds(i));
        }

        BounceDigests.Digest digest = claimDue(at(TODAY.plus(Duration.ofHours(1)))).get(0);

        assertThat(digest.values().get("count")).isEqualTo(String.valueOf(BounceDigests.LISTED_BOUNCES + 5));
        assertThat(digest.values().get("bounces").lines()).hasSize(BounceDigests.LISTED_BOUNCES + 1);
        assertThat(digest.values().get("bounces")).endsWith("... and 5 more\n");
    }

    @Test
    void shortPeriodsAreAlignedOnTheEpoch() {
        BounceDigests digests = new BounceDigests(accounts, bounces, sent, Duration.ofSeconds(20),
            Clock.fixed(Instant.parse("2026-11-22T10:00:26Z"), ZoneOffset.UTC));
        bounce("shop", "a@example.com", BounceReason.USER_UNKNOWN, Instant.parse("2026-11-22T10:00:05Z"));

        assertThat(claimDue(digests)).singleElement()
            .satisfies(digest -> assertThat(digest.values()).containsEntry("from", "2026-11-22T10:00:00Z").containsEntry("to", "2026-11-22T10:00:20Z"));
        assertThat(digests.checkInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aPeriodUnderASecondIsRefused() {
        assertThatThrownBy(() -> new BounceDigests(accounts, bounces, sent, Duration.ofMillis(10), Clock.systemUTC()))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
