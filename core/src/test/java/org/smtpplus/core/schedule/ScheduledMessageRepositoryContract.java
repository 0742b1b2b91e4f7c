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
import org.smtpplus.core.schedule.ScheduledMessageRepository.ReleaseOutcome;

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

    /** A message whose Message-ID is made of its id: that of {@code s1} is {@code <s1@shop.example>}. */
    private static ScheduledMessage message(String id, Optional<String> batchId, Instant sendAt) {
        return new ScheduledMessage(id, "<" + id + "@shop.example>", batchId, sendAt, ACCOUNT, List.of("jane@shop.example"));
    }

    private static ScheduledMessage inBatch(String batchId, String id, Instant sendAt) {
        return message(id, Optional.of(batchId), sendAt);
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
        ScheduledMessage inBatch = new ScheduledMessage("s1", "<order-1001@shop.example>", Optional.of(BATCH), AT, ACCOUNT,
            List.of("jane@shop.example", "Joe Bloggs <joe@shop.example>", "zoë@例え.jp"));
        ScheduledMessage alone = new ScheduledMessage("s2", "<order-1002@shop.example>", Optional.empty(), AT.plusMillis(1),
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
        assertThat(repository().cancel(BATCH)).isEmpty();
    }

    @Test
    default void pendingGivesTheSoonestFirstThenById() {
        ScheduledMessage latest = inBatch(BATCH, "a", AT.plus(Duration.ofDays(2)));
        ScheduledMessage soonest = inBatch(BATCH, "c", AT);
        ScheduledMessage tiedAfter = new ScheduledMessage("d", "<a@shop.example>", Optional.of(BATCH),
            AT.plus(Duration.ofHours(3)), ACCOUNT, List.of("jane@shop.example"));
        ScheduledMessage tiedBefore = new ScheduledMessage("b", "<z@shop.example>", Optional.of(BATCH),
            AT.plus(Duration.ofHours(3)), ACCOUNT, List.of("jane@shop.example"));
        List.of(latest, tiedAfter, soonest, tiedBefore).forEach(repository()::park);

        assertThat(repository().pending(Optional.empty())).containsExactly(soonest, tiedBefore, tiedAfter, latest);
        assertThat(repository().pending(Optional.of(BATCH))).containsExactly(soonest, tiedBefore, tiedAfter, latest);
    }

    @Test
    default void pendingFiltersByBatch() {
        ScheduledMessage first = inBatch(BATCH, "s1", AT);
        ScheduledMessage other = inBatch(OTHER_BATCH, "s2", AT.plusMillis(1));
        ScheduledMessage alone = message("s3", Optional.empty(), AT.plusMillis(2));
        ScheduledMessage second = inBatch(BATCH, "s4", AT.plus(Duration.ofDays(1)));
        List.of(first, other, alone, second).forEach(repository()::park);

        assertThat(repository().pending(Optional.of(BATCH))).containsExactly(first, second);
        assertThat(repository().pending(Optional.of(OTHER_BATCH))).containsExactly(other);
        assertThat(repository().pending(Optional.of("Black-Friday"))).isEmpty();
    }

    @Test
    default void countPendingCountsTheMessagesNeitherReleasedNorCancelled() {
        repository().park(inBatch(BATCH, "s1", AT));
        repository().park(inBatch(BATCH, "s2", AT.plus(Duration.ofHours(1))));
        repository().park(inBatch(OTHER_BATCH, "s3", AT.plus(Duration.ofDays(3))));
        repository().park(message("s4", Optional.empty(), AT.plus(Duration.ofDays(29))));

        assertThat(repository().countPending()).isEqualTo(4);

        repository().release("s3");
        repository().cancel(BATCH);

        assertThat(repository().countPending()).isEqualTo(1);
    }

    @Test
    default void parkingTheSameIdAgainKeepsTheFirst() {
        ScheduledMessage first = inBatch(BATCH, "s1", AT);
        repository().park(first);

        repository().park(new ScheduledMessage("s1", "<other@shop.example>", Optional.of(OTHER_BATCH),
            AT.plus(Duration.ofDays(1)), "news", List.of("joe@shop.example")));
        repository().park(first);

        assertThat(repository().pending(Optional.empty())).containsExactly(first);
        assertThat(repository().pending(Optional.of(OTHER_BATCH))).isEmpty();
        assertThat(repository().countPending()).isEqualTo(1);
        assertThat(repository().due(AT.plus(Duration.ofDays(2)), 10)).containsExactly(first);
    }

    @Test
    default void messagesSharingAMessageIdUnderDifferentIdsAreIndependent() {
        // a bulk tool submitting one MIME message twice
        ScheduledMessage first = new ScheduledMessage("s1", "<campaign@shop.example>", Optional.of(BATCH), AT, ACCOUNT,
            List.of("jane@shop.example"));
        ScheduledMessage second = new ScheduledMessage("s2", "<campaign@shop.example>", Optional.of(BATCH), AT, ACCOUNT,
            List.of("joe@shop.example"));
        repository().park(first);
        repository().park(second);

        assertThat(repository().pending(Optional.empty())).containsExactly(first, second);
        assertThat(repository().countPending()).isEqualTo(2);
        assertThat(repository().due(AT, 10)).containsExactly(first, second);

        assertThat(repository().release(first.id())).isEqualTo(ReleaseOutcome.RELEASED);

        assertThat(repository().pending(Optional.of(BATCH))).containsExactly(second);
        assertThat(repository().due(AT, 10)).containsExactly(second);
        assertThat(repository().cancel(BATCH)).containsExactly(second.id());
        assertThat(repository().release(second.id())).isEqualTo(ReleaseOutcome.CANCELLED);
    }

    @Test
    default void parkingAReleasedMessageAgainDoesNotMakeItPending() {
        ScheduledMessage message = inBatch(BATCH, "s1", AT);
        repository().park(message);
        repository().release(message.id());

        repository().park(message);

        assertThat(repository().pending(Optional.empty())).isEmpty();
        assertThat(repository().due(AT, 10)).isEmpty();
        assertThat(repository().release(message.id())).isEqualTo(ReleaseOutcome.ALREADY_RELEASED);
    }

    @Test
    default void cancelCancelsThePendingMessagesOfTheBatchAndGivesTheirIds() {
        ScheduledMessage first = inBatch(BATCH, "s3", AT);
        ScheduledMessage second = inBatch(BATCH, "s1", AT.plus(Duration.ofDays(2)));
        ScheduledMessage other = inBatch(OTHER_BATCH, "s2", AT.plusMillis(1));
        ScheduledMessage alone = message("s4", Optional.empty(), AT.plusMillis(2));
        List.of(first, second, other, alone).forEach(repository()::park);

        assertThat(repository().cancel(BATCH)).containsExactly(first.id(), second.id());

        assertThat(repository().pending(Optional.of(BATCH))).isEmpty();
        assertThat(repository().pending(Optional.empty())).containsExactly(other, alone);
        assertThat(repository().due(AT.plus(Duration.ofDays(3)), 10)).containsExactly(other, alone);
        assertThat(repository().release(first.id())).isEqualTo(ReleaseOutcome.CANCELLED);
        assertThat(repository().release(second.id())).isEqualTo(ReleaseOutcome.CANCELLED);
    }

    @Test
    default void cancellingAgainCancelsNothingMore() {
        repository().park(inBatch(BATCH, "s1", AT));
        repository().cancel(BATCH);

        assertThat(repository().cancel(BATCH)).isEmpty();

        repository().park(inBatch(BATCH, "s2", AT));

        assertThat(repository().cancel(BATCH)).containsExactly("s2");
    }

    @Test
    default void aCancelledBatchLeavesAnotherBatchAlone() {
        ScheduledMessage other = inBatch(OTHER_BATCH, "s2", AT);
        repository().park(inBatch(BATCH, "s1", AT));
        repository().park(other);

        repository().cancel(BATCH);

        assertThat(repository().pending(Optional.of(OTHER_BATCH))).containsExactly(other);
        assertThat(repository().release(other.id())).isEqualTo(ReleaseOutcome.RELEASED);
    }

    @Test
    default void aMessageIsReleasedOnce() {
        repository().park(inBatch(BATCH, "s1", AT));

        assertThat(repository().release("s1")).isEqualTo(ReleaseOutcome.RELEASED);
        assertThat(repository().release("s1")).isEqualTo(ReleaseOutcome.ALREADY_RELEASED);
    }

    @Test
    default void releaseTellsWhyItDidNotRelease() {
        repository().park(inBatch(BATCH, "s1", AT));
        repository().park(inBatch(OTHER_BATCH, "s2", AT));
        repository().park(inBatch(OTHER_BATCH, "s3", AT));
        repository().release("s1");
        repository().cancel(OTHER_BATCH);

        assertThat(repository().release("s1")).isEqualTo(ReleaseOutcome.ALREADY_RELEASED);
        assertThat(repository().release("s2")).isEqualTo(ReleaseOutcome.CANCELLED);
        assertThat(repository().release("s3")).isEqualTo(ReleaseOutcome.CANCELLED);
        assertThat(repository().release("unknown")).isEqualTo(ReleaseOutcome.UNKNOWN);
    }

    @Test
    default void anUnknownMessageIsNotReleased() {
        ScheduledMessage parked = inBatch(BATCH, "s1", AT);
        repository().park(parked);

        assertThat(repository().release("unknown")).isEqualTo(ReleaseOutcome.UNKNOWN);
        assertThat(repository().release("S1")).isEqualTo(ReleaseOutcome.UNKNOWN);
        // the Message-ID is not the key
        assertThat(repository().release(parked.messageId())).isEqualTo(ReleaseOutcome.UNKNOWN);
        assertThat(repository().pending(Optional.empty())).containsExactly(parked);
    }

    @Test
    default void aReleasedMessageIsNoLongerPendingNorDueAndCannotBeCancelled() {
        ScheduledMessage released = inBatch(BATCH, "s1", AT);
        ScheduledMessage kept = inBatch(BATCH, "s2", AT.plusMillis(1));
        repository().park(released);
        repository().park(kept);

        repository().release(released.id());

        assertThat(repository().pending(Optional.empty())).containsExactly(kept);
        assertThat(repository().pending(Optional.of(BATCH))).containsExactly(kept);
        assertThat(repository().due(AT.plusSeconds(1), 10)).containsExactly(kept);
        assertThat(repository().countPending()).isEqualTo(1);
        assertThat(repository().cancel(BATCH)).containsExactly(kept.id());
    }

    @Test
    default void aRequeuedMessageIsPendingDueAndReleasableAgain() {
        ScheduledMessage message = inBatch(BATCH, "s1", AT);
        repository().park(message);
        repository().release(message.id());

        assertThat(repository().requeue(message.id())).isTrue();

        assertThat(repository().pending(Optional.empty())).containsExactly(message);
        assertThat(repository().pending(Optional.of(BATCH))).containsExactly(message);
        assertThat(repository().countPending()).isEqualTo(1);
        assertThat(repository().due(AT, 10)).containsExactly(message);
        assertThat(repository().release(message.id())).isEqualTo(ReleaseOutcome.RELEASED);
        assertThat(repository().release(message.id())).isEqualTo(ReleaseOutcome.ALREADY_RELEASED);
        assertThat(repository().due(AT, 10)).isEmpty();
    }

    @Test
    default void aRequeuedMessageCanBeCancelled() {
        repository().park(inBatch(BATCH, "s1", AT));
        repository().release("s1");
        repository().requeue("s1");

        assertThat(repository().cancel(BATCH)).containsExactly("s1");
        assertThat(repository().requeue("s1")).isFalse();
        assertThat(repository().release("s1")).isEqualTo(ReleaseOutcome.CANCELLED);
    }

    @Test
    default void onlyAReleasedMessageIsRequeued() {
        ScheduledMessage pending = inBatch(OTHER_BATCH, "s1", AT);
        ScheduledMessage cancelled = inBatch(BATCH, "s2", AT);
        repository().park(pending);
        repository().park(cancelled);
        repository().cancel(BATCH);

        assertThat(repository().requeue(pending.id())).isFalse();
        assertThat(repository().requeue(cancelled.id())).isFalse();
        assertThat(repository().requeue("unknown")).isFalse();
        assertThat(repository().requeue(pending.messageId())).isFalse();

        assertThat(repository().pending(Optional.empty())).containsExactly(pending);
        assertThat(repository().countPending()).isEqualTo(1);
        assertThat(repository().due(AT, 10)).containsExactly(pending);
        assertThat(repository().release(cancelled.id())).isEqualTo(ReleaseOutcome.CANCELLED);
        assertThat(repository().release(pending.id())).isEqualTo(ReleaseOutcome.RELEASED);
    }

    @Test
    default void aMessageIsRequeuedOncePerRelease() {
        repository().park(inBatch(BATCH, "s1", AT));
        repository().release("s1");

        assertThat(repository().requeue("s1")).isTrue();
        assertThat(repository().requeue("s1")).isFalse();
        assertThat(repository().countPending()).isEqualTo(1);
    }

    @Test
    default void ofRacingReleasesExactlyOneWinsAndTheOthersFindItReleased() throws Exception {
        repository().park(inBatch(BATCH, "s1", AT));

        List<ReleaseOutcome> outcomes = race(IntStream.range(0, RACING_CALLS)
            .mapToObj(i -> (Callable<ReleaseOutcome>) () -> repository().release("s1"))
            .collect(Collectors.toList()));

        assertThat(outcomes).containsOnlyOnce(ReleaseOutcome.RELEASED)
            .containsOnly(ReleaseOutcome.RELEASED, ReleaseOutcome.ALREADY_RELEASED);
    }

    @Test
    default void ofRacingRequeuesExactlyOneWins() throws Exception {
        repository().park(inBatch(BATCH, "s1", AT));
        repository().release("s1");

        List<Boolean> requeued = race(IntStream.range(0, RACING_CALLS)
            .mapToObj(i -> (Callable<Boolean>) () -> repository().requeue("s1"))
            .collect(Collectors.toList()));

        assertThat(requeued).containsOnlyOnce(true);
        assertThat(repository().due(AT, 10)).hasSize(1);
    }

    @Test
    default void ofARacingReleaseAndCancelExactlyOneWins() throws Exception {
        List<String> ids = IntStream.range(0, RACING_CALLS - 1)
            .mapToObj(i -> "s" + i)
            .collect(Collectors.toList());
        ids.forEach(id -> repository().park(inBatch(BATCH, id, AT)));
        List<Callable<Object>> calls = new ArrayList<>();
        calls.add(() -> repository().cancel(BATCH));
        ids.forEach(id -> calls.add(() -> repository().release(id)));

        List<Object> results = race(calls);

        List<?> cancelled = (List<?>) results.get(0);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(results.get(i + 1)).isEqualTo(cancelled.contains(ids.get(i)) ? ReleaseOutcome.CANCELLED : ReleaseOutcome.RELEASED);
        }
        assertThat(repository().pending(Optional.empty())).isEmpty();
        assertThat(ids).allMatch(id -> repository().release(id) != ReleaseOutcome.RELEASED);
    }

    @Test
    default void dueGivesTheMessagesDueAtOrBeforeUntilSoonestFirst() {
        ScheduledMessage earlier = inBatch(BATCH, "s1", AT.minus(Duration.ofHours(5)));
        ScheduledMessage atUntil = inBatch(OTHER_BATCH, "s2", AT);
        ScheduledMessage later = inBatch(BATCH, "s3", AT.plusMillis(1));
        ScheduledMessage nextDay = message("s4", Optional.empty(), AT.plus(Duration.ofDays(1)));
        List.of(nextDay, atUntil, later, earlier).forEach(repository()::park);

        assertThat(repository().due(AT, 10)).containsExactly(earlier, atUntil);
        assertThat(repository().due(AT.minusMillis(1), 10)).containsExactly(earlier);
        assertThat(repository().due(AT.plus(Duration.ofDays(1)), 10)).containsExactly(earlier, atUntil, later, nextDay);
    }

    @Test
    default void dueGivesAtMostTheLimit() {
        List<ScheduledMessage> parked = IntStream.range(0, 5)
            .mapToObj(i -> inBatch(BATCH, "s" + i, AT.plus(Duration.ofMinutes(50L * i))))
            .collect(Collectors.toList());
        parked.forEach(repository()::park);

        assertThat(repository().due(AT.plus(Duration.ofDays(1)), 3)).containsExactlyElementsOf(parked.subList(0, 3));
        assertThat(repository().due(AT.plus(Duration.ofDays(1)), 1)).containsExactly(parked.get(0));
    }

    @Test
    default void releasingWhatIsDueGivesTheNextOnes() {
        List<ScheduledMessage> parked = IntStream.range(0, 5)
            .mapToObj(i -> inBatch(BATCH, "s" + i, AT.plus(Duration.ofMinutes(50L * i))))
            .collect(Collectors.toList());
        parked.forEach(repository()::park);
        Instant until = AT.plus(Duration.ofDays(1));

        repository().due(until, 2).forEach(message -> repository().release(message.id()));

        assertThat(repository().due(until, 2)).containsExactlyElementsOf(parked.subList(2, 4));
    }

    @Test
    default void manyMessagesOverSeveralDaysAreAllFound() {
        // every 53 minutes from AT: about a week
        List<ScheduledMessage> parked = IntStream.range(0, MANY)
            .mapToObj(i -> new ScheduledMessage(String.format("s%03d", i), String.format("<m%03d@shop.example>", i),
                Optional.of(i % 2 == 0 ? BATCH : OTHER_BATCH), AT.plus(Duration.ofMinutes(53L * i)), ACCOUNT,
                List.of("user" + i + "@shop.example")))
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
        assertThat(repository().cancel(BATCH)).containsExactlyElementsOf(parked.stream()
            .filter(message -> message.batchId().equals(Optional.of(BATCH)))
            .map(ScheduledMessage::id)
            .collect(Collectors.toList()));
        assertThat(repository().countPending()).isEqualTo(MANY / 2);
    }
}
