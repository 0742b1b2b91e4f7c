package org.smtpplus.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * What every {@link ScheduledMessageRepository} does; an implementation's test implements this interface. Instants
 * have millisecond precision, as stores keep them.
 */
public interface ScheduledMessageRepositoryContract {
    String ACCOUNT = "shop";
    String BATCH = "black-friday";
    String OTHER_BATCH = "newsletter-48";
    Instant AT = Instant.parse("2026-11-27T09:00:00.123Z");
    int RACING_CALLS = 16;
    int MANY = 200;

    /**
     * An empty repository, new for each test.
     */
    ScheduledMessageRepository repository();

    private static ScheduledMessage message(String messageId, Optional<String> batchId, Instant sendAt) {
        return new ScheduledMessage(messageId, batchId, sendAt, ACCOUNT, List.of("jane@shop.example"));
    }

    private static ScheduledMessage inBatch(String batchId, String messageId, Instant sendAt) {
        return message(messageId, Optional.of(batchId), sendAt);
    }

    private static <T> List<T> race(List<Callable<T>> calls) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    default void aParkedMessageIsPendingWithEveryField() {
        ScheduledMessage inBatch = new ScheduledMessage("<order-1001@shop.example>", Optional.of(BATCH), AT, ACCOUNT,
            List.of("jane@shop.example", "Joe Bloggs <joe@shop.example>", "zoë@例え.jp"));
        ScheduledMessage alone = new ScheduledMessage("<order-1002@shop.example>", Optional.empty(), AT.plusMillis(1),
            "news", List.of("joe@shop.example"));

        repository().park(inBatch);
        repository().park(alone);

        assertThat(repository().pending(Optional.empty())).containsExactly(inBatch, alone);
    }

    @Test
    default void nothingParkedIsNothingPending() {
        assertThat(repository().pending(Optional.empty())).isEmpty();
        assertThat(repository().pending(Optional.of(BATCH))).isEmpty();
        assertThat(repository().countPending()).isZero();
        assertThat(repository().due(AT.plus(Duration.ofDays(365)), 10)).isEmpty();
        assertThat(repository().cancel(BATCH)).isZero();
    }

    @Test
    default void pendingGivesTheSoonestFirstThenByMessageId() {
        ScheduledMessage latest = inBatch(BATCH, "<a@shop.example>", AT.plus(Duration.ofDays(2)));
        ScheduledMessage soonest = inBatch(BATCH, "<c@shop.example>", AT);
        ScheduledMessage tiedAfter = inBatch(BATCH, "<d@shop.example>", AT.plus(Duration.ofHours(3)));
        ScheduledMessage tiedBefore = inBatch(BATCH, "<b@shop.example>", AT.plus(Duration.ofHours(3)));
        List.of(latest, tiedAfter, soonest, tiedBefore).forEach(repository()::park);

        assertThat(repository().pending(Optional.empty())).containsExactly(soonest, tiedBefore, tiedAfter, latest);
        assertThat(repository().pending(Optional.of(BATCH))).containsExactly(soonest, tiedBefore, tiedAfter, latest);
    }

    @Test
    default void pendingFiltersByBatch() {
        ScheduledMessage first = inBatch(BATCH, "<m1@shop.example>", AT);
        ScheduledMessage other = inBatch(OTHER_BATCH, "<m2@shop.example>", AT.plusMillis(1));
        ScheduledMessage alone = message("<m3@shop.example>", Optional.empty(), AT.plusMillis(2));
        ScheduledMessage second = inBatch(BATCH, "<m4@shop.example>", AT.plus(Duration.ofDays(1)));
        List.of(first, other, alone, second).forEach(repository()::park);

        assertThat(repository().pending(Optional.of(BATCH))).containsExactly(first, second);
        assertThat(repository().pending(Optional.of(OTHER_BATCH))).containsExactly(other);
        assertThat(repository().pending(Optional.of("Black-Friday"))).isEmpty();
    }

    @Test
    default void countPendingCountsTheMessagesNeitherReleasedNorCancelled() {
        repository().park(inBatch(BATCH, "<m1@shop.example>", AT));
        repository().park(inBatch(BATCH, "<m2@shop.example>", AT.plus(Duration.ofHours(1))));
        repository().park(inBatch(OTHER_BATCH, "<m3@shop.example>", AT.plus(Duration.ofDays(3))));
        repository().park(message("<m4@shop.example>", Optional.empty(), AT.plus(Duration.ofDays(29))));

        assertThat(repository().countPending()).isEqualTo(4);

        repository().release("<m3@shop.example>");
        repository().cancel(BATCH);

        assertThat(repository().countPending()).isEqualTo(1);
    }

    @Test
    default void parkingTheSameMessageAgainKeepsTheFirst() {
        ScheduledMessage first = inBatch(BATCH, "<m1@shop.example>", AT);
        repository().park(first);

        repository().park(new ScheduledMessage("<m1@shop.example>", Optional.of(OTHER_BATCH), AT.plus(Duration.ofDays(1)),
            "news", List.of("joe@shop.example")));
        repository().park(first);

        assertThat(repository().pending(Optional.empty())).containsExactly(first);
        assertThat(repository().pending(Optional.of(OTHER_BATCH))).isEmpty();
        assertThat(repository().countPending()).isEqualTo(1);
        assertThat(repository().due(AT.plus(Duration.ofDays(2)), 10)).containsExactly(first);
    }

    @Test
    default void parkingAReleasedMessageAgainDoesNotMakeItPending() {
        ScheduledMessage message = inBatch(BATCH, "<m1@shop.example>", AT);
        repository().park(message);
        repository().release(message.messageId());

        repository().park(message);

        assertThat(repository().pending(Optional.empty())).isEmpty();
        assertThat(repository().due(AT, 10)).isEmpty();
        assertThat(repository().release(message.messageId())).isFalse();
    }

    @Test
    default void cancelCancelsThePendingMessagesOfTheBatch() {
        ScheduledMessage first = inBatch(BATCH, "<m1@shop.example>", AT);
        ScheduledMessage second = inBatch(BATCH, "<m2@shop.example>", AT.plus(Duration.ofDays(2)));
        ScheduledMessage other = inBatch(OTHER_BATCH, "<m3@shop.example>", AT.plusMillis(1));
        ScheduledMessage alone = message("<m4@shop.example>", Optional.empty(), AT.plusMillis(2));
        List.of(first, second, other, alone).forEach(repository()::park);

        assertThat(repository().cancel(BATCH)).isEqualTo(2);

        assertThat(repository().pending(Optional.of(BATCH))).isEmpty();
        assertThat(repository().pending(Optional.empty())).containsExactly(other, alone);
        assertThat(repository().due(AT.plus(Duration.ofDays(3)), 10)).containsExactly(other, alone);
        assertThat(repository().release(first.messageId())).isFalse();
        assertThat(repository().release(second.messageId())).isFalse();
    }

    @Test
    default void cancellingAgainCancelsNothingMore() {
        repository().park(inBatch(BATCH, "<m1@shop.example>", AT));
        repository().cancel(BATCH);

        assertThat(repository().cancel(BATCH)).isZero();

        repository().park(inBatch(BATCH, "<m2@shop.example>", AT));

        assertThat(repository().cancel(BATCH)).isEqualTo(1);
    }

    @Test
    default void aCancelledBatchLeavesAnotherBatchAlone() {
        ScheduledMessage other = inBatch(OTHER_BATCH, "<m2@shop.example>", AT);
        repository().park(inBatch(BATCH, "<m1@shop.example>", AT));
        repository().park(other);

        repository().cancel(BATCH);

        assertThat(repository().pending(Optional.of(OTHER_BATCH))).containsExactly(other);
        assertThat(repository().release(other.messageId())).isTrue();
    }

    @Test
    default void aMessageIsReleasedOnce() {
        repository().park(inBatch(BATCH, "<m1@shop.example>", AT));

        assertThat(repository().release("<m1@shop.example>")).isTrue();
        assertThat(repository().release("<m1@shop.example>")).isFalse();
    }

    @Test
    default void anUnknownMessageIsNotReleased() {
        repository().park(inBatch(BATCH, "<m1@shop.example>", AT));

        assertThat(repository().release("<unknown@shop.example>")).isFalse();
        assertThat(repository().release("<M1@shop.example>")).isFalse();
    }

    @Test
    default void aReleasedMessageIsNoLongerPendingNorDueAndCannotBeCancelled() {
        ScheduledMessage released = inBatch(BATCH, "<m1@shop.example>", AT);
        ScheduledMessage kept = inBatch(BATCH, "<m2@shop.example>", AT.plusMillis(1));
        repository().park(released);
        repository().park(kept);

        repository().release(released.messageId());

        assertThat(repository().pending(Optional.empty())).containsExactly(kept);
        assertThat(repository().pending(Optional.of(BATCH))).containsExactly(kept);
        assertThat(repository().due(AT.plusSeconds(1), 10)).containsExactly(kept);
        assertThat(repository().countPending()).isEqualTo(1);
        assertThat(repository().cancel(BATCH)).isEqualTo(1);
    }

    @Test
    default void ofRacingReleasesExactlyOneWins() throws Exception {
        repository().park(inBatch(BATCH, "<m1@shop.example>", AT));

        List<Boolean> released = race(IntStream.range(0, RACING_CALLS)
            .mapToObj(i -> (Callable<Boolean>) () -> repository().release("<m1@shop.example>"))
            .collect(Collectors.toList()));

        assertThat(released).containsOnlyOnce(true);
    }

    @Test
    default void ofARacingReleaseAndCancelExactlyOneWins() throws Exception {
        List<String> messageIds = IntStream.range(0, RACING_CALLS - 1)
            .mapToObj(i -> "<m" + i + "@shop.example>")
            .collect(Collectors.toList());
        messageIds.forEach(messageId -> repository().park(inBatch(BATCH, messageId, AT)));
        List<Callable<Integer>> calls = new ArrayList<>();
        calls.add(() -> repository().cancel(BATCH));
        messageIds.forEach(messageId -> calls.add(() -> repository().release(messageId) ? 1 : 0));

        List<Integer> results = race(calls);

        int cancelled = results.get(0);
        int released = results.subList(1, results.size()).stream().mapToInt(Integer::intValue).sum();
        assertThat(cancelled + released).isEqualTo(messageIds.size());
        assertThat(repository().pending(Optional.empty())).isEmpty();
        assertThat(messageIds).noneMatch(repository()::release);
    }

    @Test
    default void dueGivesTheMessagesDueAtOrBeforeUntilSoonestFirst() {
        ScheduledMessage earlier = inBatch(BATCH, "<m1@shop.example>", AT.minus(Duration.ofHours(5)));
        ScheduledMessage atUntil = inBatch(OTHER_BATCH, "<m2@shop.example>", AT);
        ScheduledMessage later = inBatch(BATCH, "<m3@shop.example>", AT.plusMillis(1));
        ScheduledMessage nextDay = message("<m4@shop.example>", Optional.empty(), AT.plus(Duration.ofDays(1)));
        List.of(nextDay, atUntil, later, earlier).forEach(repository()::park);

        assertThat(repository().due(AT, 10)).containsExactly(earlier, atUntil);
        assertThat(repository().due(AT.minusMillis(1), 10)).containsExactly(earlier);
        assertThat(repository().due(AT.plus(Duration.ofDays(1)), 10)).containsExactly(earlier, atUntil, later, nextDay);
    }

    @Test
    default void dueGivesAtMostTheLimit() {
        List<ScheduledMessage> parked = IntStream.range(0, 5)
            .mapToObj(i -> inBatch(BATCH, "<m" + i + "@shop.example>", AT.plus(Duration.ofMinutes(50L * i))))
            .collect(Collectors.toList());
        parked.forEach(repository()::park);

        assertThat(repository().due(AT.plus(Duration.ofDays(1)), 3)).containsExactlyElementsOf(parked.subList(0, 3));
        assertThat(repository().due(AT.plus(Duration.ofDays(1)), 1)).containsExactly(parked.get(0));
    }

    @Test
    default void releasingWhatIsDueGivesTheNextOnes() {
        List<ScheduledMessage> parked = IntStream.range(0, 5)
            .mapToObj(i -> inBatch(BATCH, "<m" + i + "@shop.example>", AT.plus(Duration.ofMinutes(50L * i))))
            .collect(Collectors.toList());
        parked.forEach(repository()::park);
        Instant until = AT.plus(Duration.ofDays(1));

        repository().due(until, 2).forEach(message -> repository().release(message.messageId()));

        assertThat(repository().due(until, 2)).containsExactlyElementsOf(parked.subList(2, 4));
    }

    @Test
    default void manyMessagesOverSeveralDaysAreAllFound() {
        // every 53 minutes from AT: about a week
        List<ScheduledMessage> parked = IntStream.range(0, MANY)
            .mapToObj(i -> new ScheduledMessage(String.format("<m%03d@shop.example>", i), Optional.of(i % 2 == 0 ? BATCH : OTHER_BATCH),
                AT.plus(Duration.ofMinutes(53L * i)), ACCOUNT, List.of("user" + i + "@shop.example")))
            .collect(Collectors.toList());
        parked.forEach(repository()::park);
        Instant until = AT.plus(Duration.ofDays(30));

        assertThat(repository().pending(Optional.empty())).containsExactlyElementsOf(parked);
        assertThat(repository().pending(Optional.of(OTHER_BATCH))).containsExactlyElementsOf(parked.stream()
            .filter(message -> message.batchId().equals(Optional.of(OTHER_BATCH)))
            .collect(Collectors.toList()));
        assertThat(repository().countPending()).isEqualTo(MANY);
        assertThat(repository().due(until, MANY)).containsExactlyElementsOf(parked);
        assertThat(repository().due(until, 7)).containsExactlyElementsOf(parked.subList(0, 7));
        assertThat(repository().cancel(BATCH)).isEqualTo(MANY / 2);
        assertThat(repository().countPending()).isEqualTo(MANY / 2);
    }
}
