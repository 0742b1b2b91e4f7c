package org.smtpplus.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What every {@link BounceRepository} does; an implementation's test implements this interface. Instants have
 * millisecond precision, as stores keep them. An implementation that forgets entries older than
 * {@link BounceRepository#RETENTION_DAYS} takes {@link #NOW} as the present: no entry is after it, and only
 * {@link #entriesOlderThanTheRetentionMayBeForgotten} records one older than the retention.
 */
public interface BounceRepositoryContract {
    String RECIPIENT = "jane@shop.example";
    String OTHER_RECIPIENT = "joe@shop.example";
    String ACCOUNT = "shop";
    String OTHER_ACCOUNT = "news";
    String MESSAGE_ID = "<order-1001@shop.example>";
    String OTHER_MESSAGE_ID = "<order-1002@shop.example>";
    Instant NOW = Instant.parse("2026-11-04T12:00:00Z");
    Instant AT = Instant.parse("2026-11-03T10:15:30.123Z");
    Instant LATER = AT.plus(Duration.ofHours(5).plusMillis(1));
    int MANY = 300;

    /**
     * An empty repository, new for each test.
     */
    BounceRepository repository();

    private static Bounce bounce(String recipient, BounceType type, String messageId, Instant at) {
        return new Bounce(recipient, reasonOf(type), Optional.of("5.1.1"), "550 5.1.1 User unknown", at, ACCOUNT, messageId);
    }

    /** A reason of the type. */
    private static BounceReason reasonOf(BounceType type) {
        return Arrays.stream(BounceReason.values()).filter(reason -> reason.type() == type).findFirst().orElseThrow();
    }

    private static Bounce soft(String recipient, String messageId, Instant at) {
        return new Bounce(recipient, BounceReason.MAILBOX_FULL, Optional.of("4.2.2"), "452 4.2.2 Mailbox full", at, ACCOUNT, messageId);
    }

    private List<Bounce> find(Optional<String> account, Optional<BounceType> type, Optional<Instant> since) {
        return find(new BounceQuery(account, type, Optional.empty(), since));
    }

    private List<Bounce> find(BounceQuery query) {
        try (Stream<Bounce> bounces = repository().find(query)) {
            return bounces.collect(Collectors.toList());
        }
    }

    private List<Bounce> all() {
        return find(Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    default void aRecordedBounceIsFoundWithEveryField() {
        Bounce bounce = new Bounce(RECIPIENT, BounceReason.USER_UNKNOWN, Optional.of("5.1.1"),
            "smtp; 550 5.1.1 <jane@shop.example>: Recipient address rejected: User unknown, \"sorry\"", AT, ACCOUNT, MESSAGE_ID);

        assertThat(repository().record(bounce)).isTrue();

        assertThat(all()).containsExactly(bounce);
    }

    @Test
    default void aCopysBounceIsFoundByRecipientAndMessage() {
        Bounce bounce = bounce(RECIPIENT, BounceType.HARD, MESSAGE_ID, AT);
        repository().record(bounce);

        assertThat(repository().get("Jane@Shop.Example", MESSAGE_ID)).contains(bounce);
        assertThat(repository().get(RECIPIENT, OTHER_MESSAGE_ID)).isEmpty();
        assertThat(repository().get(OTHER_RECIPIENT, MESSAGE_ID)).isEmpty();
    }

    @Test
    default void aBounceWithoutStatusIsFoundWithoutStatus() {
        Bounce bounce = new Bounce(RECIPIENT, BounceReason.SPAM_DETECTED, Optional.empty(), "Message rejected as spam", AT, ACCOUNT,
            MESSAGE_ID);

        assertThat(repository().record(bounce)).isTrue();

        assertThat(all()).containsExactly(bounce);
    }

    @Test
    default void nothingRecordedIsNothingFound() {
        assertThat(all()).isEmpty();
        assertThat(repository().softBouncedMessagesSince(RECIPIENT, AT.minus(Duration.ofDays(30)))).isZero();
    }

    @Test
    default void aSecondBounceOfTheSameCopyKeepsTheFirst() {
        Bounce first = soft(RECIPIENT, MESSAGE_ID, AT);
        repository().record(first);

        Bounce again = new Bounce("Jane@Shop.Example", BounceReason.USER_UNKNOWN, Optional.of("5.1.1"), "550 5.1.1 User unknown", LATER,
            OTHER_ACCOUNT, MESSAGE_ID);

        assertThat(repository().record(again)).isFalse();
        assertThat(repository().record(first)).isFalse();
        assertThat(all()).containsExactly(first);
    }

    @Test
    default void anotherMessageOrAnotherRecipientIsAnotherEntry() {
        Bounce first = soft(RECIPIENT, MESSAGE_ID, AT);
        Bounce otherMessage = soft(RECIPIENT, OTHER_MESSAGE_ID, AT.plusMillis(1));
        Bounce otherRecipient = soft(OTHER_RECIPIENT, MESSAGE_ID, AT.plusMillis(2));

        assertThat(repository().record(first)).isTrue();
        assertThat(repository().record(otherMessage)).isTrue();
        assertThat(repository().record(otherRecipient)).isTrue();

        assertThat(all()).containsExactly(otherRecipient, otherMessage, first);
    }

    @Test
    default void recipientsAreComparedLowerCase() {
        repository().record(soft("Jane@Shop.Example", MESSAGE_ID, AT));

        assertThat(repository().softBouncedMessagesSince("JANE@shop.example", AT)).isEqualTo(1);
        assertThat(all()).extracting(Bounce::recipient).containsExactly(RECIPIENT);
    }

    @Test
    default void softBouncedMessagesSinceCountsEachMessageOnce() {
        repository().record(soft(RECIPIENT, "<m1@shop.example>", AT));
        repository().record(soft(RECIPIENT, "<m2@shop.example>", AT.plus(Duration.ofHours(1))));
        repository().record(soft(RECIPIENT, "<m3@shop.example>", LATER));

        // a replayed report of a message already counted
        repository().record(soft(RECIPIENT, "<m2@shop.example>", LATER.plusSeconds(60)));

        assertThat(repository().softBouncedMessagesSince(RECIPIENT, AT.minus(Duration.ofDays(30)))).isEqualTo(3);
    }

    @Test
    default void softBouncedMessagesSinceCountsOnlySoftBounces() {
        repository().record(bounce(RECIPIENT, BounceType.HARD, "<m1@shop.example>", AT));
        repository().record(bounce(RECIPIENT, BounceType.BLOCK, "<m2@shop.example>", AT));

        assertThat(repository().softBouncedMessagesSince(RECIPIENT, AT.minus(Duration.ofDays(30)))).isZero();

        repository().record(soft(RECIPIENT, "<m3@shop.example>", AT));

        assertThat(repository().softBouncedMessagesSince(RECIPIENT, AT.minus(Duration.ofDays(30)))).isEqualTo(1);
    }

    @Test
    default void softBouncedMessagesSinceIsInclusive() {
        repository().record(soft(RECIPIENT, MESSAGE_ID, AT));

        assertThat(repository().softBouncedMessagesSince(RECIPIENT, AT.minus(Duration.ofDays(1)))).isEqualTo(1);
        assertThat(repository().softBouncedMessagesSince(RECIPIENT, AT)).isEqualTo(1);
        assertThat(repository().softBouncedMessagesSince(RECIPIENT, AT.plusMillis(1))).isZero();
    }

    @Test
    default void softBouncedMessagesSinceCountsFromSinceOn() {
        repository().record(soft(RECIPIENT, "<m1@shop.example>", AT.minus(Duration.ofDays(1))));
        repository().record(soft(RECIPIENT, "<m2@shop.example>", AT));
        repository().record(soft(RECIPIENT, "<m3@shop.example>", LATER));

        assertThat(repository().softBouncedMessagesSince(RECIPIENT, AT.minusMillis(1))).isEqualTo(2);
    }

    @Test
    default void softBouncedMessagesSinceCountsOnlyTheRecipient() {
        repository().record(soft(RECIPIENT, MESSAGE_ID, AT));
        repository().record(soft(OTHER_RECIPIENT, OTHER_MESSAGE_ID, AT));
        repository().record(soft(OTHER_RECIPIENT, MESSAGE_ID, AT));

        assertThat(repository().softBouncedMessagesSince(RECIPIENT, AT)).isEqualTo(1);
        assertThat(repository().softBouncedMessagesSince(OTHER_RECIPIENT, AT)).isEqualTo(2);
        assertThat(repository().softBouncedMessagesSince("nobody@shop.example", AT)).isZero();
    }

    @Test
    default void findGivesTheNewestFirst() {
        Bounce oldest = soft(RECIPIENT, "<m1@shop.example>", AT.minus(Duration.ofDays(1)));
        Bounce middle = bounce(OTHER_RECIPIENT, BounceType.HARD, "<m2@shop.example>", AT);
        Bounce newest = soft(RECIPIENT, "<m3@shop.example>", LATER);
        List.of(middle, newest, oldest).forEach(repository()::record);

        assertThat(all()).containsExactly(newest, middle, oldest);
    }

    @Test
    default void findFiltersByAccount() {
        Bounce shop = soft(RECIPIENT, MESSAGE_ID, AT);
        Bounce news = new Bounce(OTHER_RECIPIENT, BounceReason.MAILBOX_FULL, Optional.empty(), "mailbox full", LATER, OTHER_ACCOUNT, MESSAGE_ID);
        repository().record(shop);
        repository().record(news);

        assertThat(find(Optional.of(ACCOUNT), Optional.empty(), Optional.empty())).containsExactly(shop);
        assertThat(find(Optional.of(OTHER_ACCOUNT), Optional.empty(), Optional.empty())).containsExactly(news);
        assertThat(find(Optional.of("nobody"), Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    default void findFiltersByType() {
        Bounce hard = bounce(RECIPIENT, BounceType.HARD, "<m1@shop.example>", AT);
        Bounce soft = soft(RECIPIENT, "<m2@shop.example>", AT.plusMillis(1));
        Bounce block = bounce(OTHER_RECIPIENT, BounceType.BLOCK, "<m1@shop.example>", AT.plusMillis(2));
        List.of(hard, soft, block).forEach(repository()::record);

        assertThat(find(Optional.empty(), Optional.of(BounceType.HARD), Optional.empty())).containsExactly(hard);
        assertThat(find(Optional.empty(), Optional.of(BounceType.SOFT), Optional.empty())).containsExactly(soft);
        assertThat(find(Optional.empty(), Optional.of(BounceType.BLOCK), Optional.empty())).containsExactly(block);
    }

    @Test
    default void findFiltersByReasonAndKeepsEachReason() {
        Bounce unknown = new Bounce(RECIPIENT, BounceReason.USER_UNKNOWN, Optional.of("5.1.1"), "550 5.1.1 User unknown",
            AT, ACCOUNT, "<m1@shop.example>");
        Bounce filtered = new Bounce(RECIPIENT, BounceReason.FILTERED, Optional.of("5.0.0"),
            "550 Message rejected by recipient's filter", AT.plusMillis(1), ACCOUNT, "<m2@shop.example>");
        Bounce expired = new Bounce(OTHER_RECIPIENT, BounceReason.EXPIRED, Optional.empty(), "Too many retries",
            AT.plusMillis(2), ACCOUNT, "<m1@shop.example>");
        List.of(unknown, filtered, expired).forEach(repository()::record);

        assertThat(find(new BounceQuery(Optional.empty(), Optional.empty(), Optional.of(BounceReason.FILTERED), Optional.empty())))
            .containsExactly(filtered);
        assertThat(find(new BounceQuery(Optional.empty(), Optional.of(BounceType.SOFT), Optional.of(BounceReason.EXPIRED),
            Optional.empty()))).containsExactly(expired);
        assertThat(find(new BounceQuery(Optional.empty(), Optional.of(BounceType.HARD), Optional.of(BounceReason.EXPIRED),
            Optional.empty()))).isEmpty();
        assertThat(repository().get(RECIPIENT, "<m1@shop.example>")).contains(unknown);
        assertThat(all()).extracting(Bounce::reason)
            .containsExactly(BounceReason.EXPIRED, BounceReason.FILTERED, BounceReason.USER_UNKNOWN);
    }

    @Test
    default void findFiltersBySinceInclusively() {
        Bounce before = soft(RECIPIENT, "<m1@shop.example>", AT.minusMillis(1));
        Bounce at = soft(RECIPIENT, "<m2@shop.example>", AT);
        Bounce after = soft(OTHER_RECIPIENT, "<m1@shop.example>", LATER);
        List.of(before, at, after).forEach(repository()::record);

        assertThat(find(Optional.empty(), Optional.empty(), Optional.of(AT))).containsExactly(after, at);
        assertThat(find(Optional.empty(), Optional.empty(), Optional.of(LATER))).containsExactly(after);
        assertThat(find(Optional.empty(), Optional.empty(), Optional.of(LATER.plusMillis(1)))).isEmpty();
    }

    @Test
    default void findFiltersByEveryFilterGiven() {
        Bounce wanted = soft(RECIPIENT, "<m1@shop.example>", LATER);
        repository().record(wanted);
        repository().record(soft(RECIPIENT, "<m2@shop.example>", AT.minus(Duration.ofHours(1))));
        repository().record(bounce(RECIPIENT, BounceType.HARD, "<m3@shop.example>", LATER));
        repository().record(new Bounce(OTHER_RECIPIENT, BounceReason.MAILBOX_FULL, Optional.empty(), "mailbox full", LATER, OTHER_ACCOUNT,
            "<m1@shop.example>"));

        assertThat(find(Optional.of(ACCOUNT), Optional.of(BounceType.SOFT), Optional.of(AT))).containsExactly(wanted);
        assertThat(find(Optional.of(ACCOUNT), Optional.of(BounceType.SOFT), Optional.empty())).hasSize(2);
        assertThat(find(Optional.of(ACCOUNT), Optional.empty(), Optional.of(AT))).hasSize(2);
        assertThat(find(Optional.empty(), Optional.of(BounceType.SOFT), Optional.of(AT))).hasSize(2);
    }

    @Test
    default void findStreamsManyEntriesOverSeveralDays() {
        // every 47 minutes back from AT: about ten days
        List<Bounce> recorded = IntStream.range(0, MANY)
            .mapToObj(i -> new Bounce(String.format("user%03d@shop.example", i % 120),
                BounceReason.values()[i % BounceReason.values().length],
                Optional.of("5.0.0"), "failure " + i, AT.minus(Duration.ofMinutes(47L * i)), i % 2 == 0 ? ACCOUNT : OTHER_ACCOUNT,
                "<m" + i + "@shop.example>"))
            .collect(Collectors.toList());
        recorded.forEach(repository()::record);
        Instant since = AT.minus(Duration.ofDays(4));

        assertThat(all()).containsExactlyElementsOf(recorded);
        assertThat(find(Optional.of(OTHER_ACCOUNT), Optional.of(BounceType.SOFT), Optional.of(since)))
            .containsExactlyElementsOf(recorded.stream()
                .filter(bounce -> bounce.account().equals(OTHER_ACCOUNT) && bounce.type() == BounceType.SOFT
                    && !bounce.at().isBefore(since))
                .collect(Collectors.toList()))
            .isNotEmpty();
    }

    @Test
    default void entriesOlderThanTheRetentionMayBeForgotten() {
        Bounce old = soft(RECIPIENT, MESSAGE_ID, NOW.minus(Duration.ofDays(BounceRepository.RETENTION_DAYS + 1)));
        Bounce recent = soft(RECIPIENT, OTHER_MESSAGE_ID, AT);
        repository().record(old);
        repository().record(recent);

        List<Bounce> found = all();

        assertThat(found).startsWith(recent).isSubsetOf(recent, old);
    }
}
