package org.smtpplus.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventType;

class EventQueuesTest {
    private static List<DeliveryEvent> events(int count) {
        return IntStream.range(0, count)
            .mapToObj(i -> DeliveryEvent.builder(EventType.SENT, Instant.parse("2026-11-03T10:15:30Z").plusMillis(i))
                .account("shop")
                .list("customers")
                .recipient("user" + i + "@shop.example")
                .messageId("m" + i + "@shop.example")
                .size(100)
                .build())
            .collect(Collectors.toList());
    }

    private static List<EventQueues.Offer> offerAll(EventQueues queues, List<DeliveryEvent> events) {
        return events.stream().map(queues::offer).collect(Collectors.toList());
    }

    private static List<List<DeliveryEvent>> drainOverflow(EventQueues queues) {
        List<List<DeliveryEvent>> groups = new ArrayList<>();
        queues.drainOverflow(group -> groups.add(List.copyOf(group)));
        return groups;
    }

    @Test
    void whatTheBufferCannotHoldGoesToTheOverflowAndEachQueueKeepsItsOrder() throws Exception {
        EventQueues queues = new EventQueues(3, 10);
        List<DeliveryEvent> events = events(5);

        assertThat(offerAll(queues, events)).containsOnly(EventQueues.Offer.QUEUED);

        assertThat(queues.nextBatch(Duration.ZERO, 10)).containsExactlyElementsOf(events.subList(0, 3));
        assertThat(drainOverflow(queues)).containsExactly(events.subList(3, 5));
    }

    @Test
    void aBatchTakesAtMostItsSizeOfTheBuffer() throws Exception {
        EventQueues queues = new EventQueues(10, 10);
        List<DeliveryEvent> events = events(5);
        offerAll(queues, events);

        assertThat(queues.nextBatch(Duration.ZERO, 2)).containsExactlyElementsOf(events.subList(0, 2));
        assertThat(queues.nextBatch(Duration.ZERO, 2)).containsExactlyElementsOf(events.subList(2, 4));
        assertThat(queues.drainBuffer(2)).containsExactlyElementsOf(events.subList(4, 5));
        assertThat(queues.nextBatch(Duration.ZERO, 2)).isEmpty();
    }

    @Test
    void eventsRecordedWhileABatchWaitsJoinIt() throws Exception {
        EventQueues queues = new EventQueues(10, 10);
        List<DeliveryEvent> events = events(3);
        queues.offer(events.get(0));
        CompletableFuture<List<DeliveryEvent>> batch = new CompletableFuture<>();
        // the wait is long enough that the batch is full before it ends, however slow the machine
        Thread taker = new Thread(() -> batch.complete(nextBatch(queues, Duration.ofMinutes(5), 3)));
        taker.start();

        // the others come once the batch has taken the first and waits
        while (!batch.isDone() && taker.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        queues.offer(events.get(1));
        queues.offer(events.get(2));

        assertThat(batch.get()).containsExactlyElementsOf(events);
    }

    @Test
    void aWaitingFlushOrTheQueuesClosingSendTheBatchAtOnce() throws Exception {
        EventQueues flushed = new EventQueues(10, 10);
        List<DeliveryEvent> events = events(1);
        flushed.offer(events.get(0));
        flushed.requestFlush();
        EventQueues closed = new EventQueues(10, 10);
        closed.offer(events.get(0));
        closed.close();

        // were they to wait for more events, the test would not end
        assertThat(flushed.nextBatch(Duration.ofDays(1), 10)).containsExactlyElementsOf(events);
        assertThat(closed.nextBatch(Duration.ofDays(1), 10)).containsExactlyElementsOf(events);
    }

    private static List<DeliveryEvent> nextBatch(EventQueues queues, Duration wait, int max) {
        try {
            return queues.nextBatch(wait, max);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eventsTakenButNotHandledStillCountAgainstTheMaximum() throws Exception {
        EventQueues queues = new EventQueues(2, 4);

        assertThat(offerAll(queues, events(6))).containsExactly(EventQueues.Offer.QUEUED, EventQueues.Offer.QUEUED,
            EventQueues.Offer.QUEUED, EventQueues.Offer.QUEUED, EventQueues.Offer.FULL, EventQueues.Offer.FULL);
        assertThat(queues.inMemory()).isEqualTo(4);

        List<DeliveryEvent> batch = queues.nextBatch(Duration.ZERO, 10);
        assertThat(batch).hasSize(2);
        assertThat(queues.inMemory()).isEqualTo(4);
        assertThat(queues.offer(events(1).get(0))).isEqualTo(EventQueues.Offer.FULL);

        queues.handled(batch.size());
        assertThat(queues.inMemory()).isEqualTo(2);
        assertThat(queues.offer(events(1).get(0))).isEqualTo(EventQueues.Offer.QUEUED);
        assertThat(queues.inMemory()).isEqualTo(3);
    }

    @Test
    void theOverflowIsHandedOverInGroupsAndLeavesTheCountAsItGoes() {
        EventQueues queues = new EventQueues(1, 5_000);
        List<DeliveryEvent> events = events(2 * EventQueues.OVERFLOW_GROUP + 501);
        offerAll(queues, events);
        assertThat(queues.inMemory()).isEqualTo(events.size());

        List<List<DeliveryEvent>> groups = drainOverflow(queues);

        assertThat(groups).extracting(List::size)
            .containsExactly(EventQueues.OVERFLOW_GROUP, EventQueues.OVERFLOW_GROUP, 500);
        assertThat(groups.stream().flatMap(List::stream)).containsExactlyElementsOf(events.subList(1, events.size()));
        // the one in the buffer
        assertThat(queues.inMemory()).isEqualTo(1);
    }

    @Test
    void anOverflowGroupWhoseJournalFailsLeavesTheCountAllTheSame() {
        EventQueues queues = new EventQueues(1, 10);
        offerAll(queues, events(4));

        assertThatThrownBy(() -> queues.drainOverflow(group -> {
            throw new OutOfMemoryError("no room");
        })).isInstanceOf(OutOfMemoryError.class);

        assertThat(queues.inMemory()).isEqualTo(1);
        assertThat(drainOverflow(queues)).containsExactly(List.of());
    }

    @Test
    void onceClosedNoEventIsTakenAndWhatWasQueuedCanStillBeDrained() {
        EventQueues queues = new EventQueues(2, 10);
        List<DeliveryEvent> events = events(4);
        offerAll(queues, events.subList(0, 3));

        queues.close();

        assertThat(queues.isClosing()).isTrue();
        assertThat(queues.offer(events.get(3))).isEqualTo(EventQueues.Offer.CLOSED);
        assertThat(queues.inMemory()).isEqualTo(3);
        assertThat(queues.drainBuffer(Integer.MAX_VALUE)).containsExactlyElementsOf(events.subList(0, 2));
        assertThat(drainOverflow(queues)).containsExactly(events.subList(2, 3));
    }

    @Test
    void aFlushWaitsForTheEventsOfBothQueuesEnqueuedBeforeIt() throws Exception {
        EventQueues queues = new EventQueues(1, 10);
        offerAll(queues, events(2));
        CompletableFuture<Void> flush = queues.requestFlush();

        queues.handled(queues.nextBatch(Duration.ZERO, 10).size());
        queues.completeFlushes(false);
        assertThat(queues.flushReached()).isFalse();
        assertThat(flush).isNotDone();

        drainOverflow(queues);
        assertThat(queues.flushReached()).isTrue();
        queues.completeFlushes(false);
        assertThat(flush).isDone();
        assertThat(queues.flushReached()).isFalse();
    }

    @Test
    void aFlushDoesNotWaitForEventsEnqueuedAfterIt() throws Exception {
        EventQueues queues = new EventQueues(2, 10);
        List<DeliveryEvent> events = events(4);
        offerAll(queues, events.subList(0, 2));
        CompletableFuture<Void> flush = queues.requestFlush();
        // the buffer is full: both go to the overflow, after the flush
        offerAll(queues, events.subList(2, 4));

        queues.handled(queues.nextBatch(Duration.ZERO, 10).size());

        assertThat(queues.flushReached()).isTrue();
        queues.completeFlushes(false);
        assertThat(flush).isDone();
        assertThat(queues.inMemory()).isEqualTo(2);
    }

    @Test
    void aFlushWithNothingQueuedIsReachedAtOnceAndAllFlushesCanBeCompletedRegardless() {
        EventQueues queues = new EventQueues(2, 10);
        CompletableFuture<Void> empty = queues.requestFlush();
        assertThat(queues.flushReached()).isTrue();

        offerAll(queues, events(1));
        CompletableFuture<Void> waiting = queues.requestFlush();
        queues.completeFlushes(false);
        assertThat(empty).isDone();
        assertThat(waiting).isNotDone();

        queues.completeFlushes(true);
        assertThat(waiting).isDone();
    }
}
