package org.smtpplus.opensearch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.smtpplus.core.event.DeliveryEvent;

/**
 * The events recorded and not yet taken by the indexer: a bounded buffer the indexer sends from in batches, and an
 * overflow queue for what does not fit in the buffer, that the indexer journals in groups. Together they hold at
 * most a maximum of events, counting those the indexer took and has not handled yet. Knows when the events enqueued
 * before a flush are all handled. Thread-safe: recording threads offer, the indexer thread takes.
 */
final class EventQueues {
    /** What {@link #offer} did with an event. */
    enum Offer {
        QUEUED,
        /** As many events in memory as allowed: the event was not taken. */
        FULL,
        /** {@link #close()} was called: the event was not taken. */
        CLOSED
    }

    // overflow events journaled with one fsync
    static final int OVERFLOW_GROUP = 1_000;

    /** Complete once the events of both queues enqueued before it were acknowledged or journaled. */
    private static final class FlushRequest {
        private final long bufferTarget;
        private final long overflowTarget;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        private FlushRequest(long bufferTarget, long overflowTarget) {
            this.bufferTarget = bufferTarget;
            this.overflowTarget = overflowTarget;
        }
    }

    private final int maxEventsInMemory;
    private final BlockingQueue<DeliveryEvent> buffer;
    private final ConcurrentLinkedQueue<DeliveryEvent> overflow = new ConcurrentLinkedQueue<>();
    private final Object enqueueLock = new Object();
    private final ConcurrentLinkedQueue<FlushRequest> flushes = new ConcurrentLinkedQueue<>();
    // events ever put into each queue, and events the indexer took out of it and acknowledged or journaled: each queue
    // is handled in its order, so a flush is done when both handled counts reach the enqueued counts it saw
    private final AtomicLong bufferEnqueued = new AtomicLong();
    private final AtomicLong bufferHandled = new AtomicLong();
    private final AtomicLong overflowEnqueued = new AtomicLong();
    private final AtomicLong overflowHandled = new AtomicLong();
    // set under enqueueLock, so that no event enters a queue once close() has started draining them
    private volatile boolean closing;

    EventQueues(int bufferCapacity, int maxEventsInMemory) {
        this.maxEventsInMemory = maxEventsInMemory;
        this.buffer = new ArrayBlockingQueue<>(bufferCapacity);
    }

    /** Never blocks: a full buffer puts the event in the overflow queue. */
    Offer offer(DeliveryEvent event) {
        synchronized (enqueueLock) {
            if (closing) {
                return Offer.CLOSED;
            }
            // only recording threads add to inMemory(), one at a time under this lock: it cannot pass the maximum
            if (inMemory() >= maxEventsInMemory) {
                return Offer.FULL;
            }
            // counted in the same step as enqueued, so that a flush target never counts an event not yet queued
            if (buffer.offer(event)) {
                bufferEnqueued.incrementAndGet();
            } else {
                overflow.add(event);
                overflowEnqueued.incrementAndGet();
            }
            return Offer.QUEUED;
        }
    }

    /** Events recorded and not yet acknowledged, journaled or dropped by the indexer thread. */
    long inMemory() {
        // handled first: an event is handled only after it was enqueued, so the difference is never negative
        long handled = bufferHandled.get() + overflowHandled.get();
        return bufferEnqueued.get() + overflowEnqueued.get() - handled;
    }

    /** From now on {@link #offer} takes no event: what is queued can be drained for good. */
    void close() {
        synchronized (enqueueLock) {
            closing = true;
        }
    }

    boolean isClosing() {
        return closing;
    }

    /**
     * Waits at most {@code wait} for a first event of the buffer, then at most {@code wait} more for others to join
     * it, until the batch is full, a flush waits or the queues close: each bulk request costs the relay and OpenSearch
     * about as much whether it carries one event or hundreds, and a relay under load records a few events a message.
     * An event is so indexed at most {@code wait} later than when it is sent at once.
     *
     * @return at most {@code max} events, none when the wait is over; {@link #handled} once they are handled
     */
    List<DeliveryEvent> nextBatch(Duration wait, int max) throws InterruptedException {
        List<DeliveryEvent> batch = new ArrayList<>();
        DeliveryEvent first = buffer.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (first == null) {
            return batch;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        batch.add(first);
        buffer.drainTo(batch, max - batch.size());
        while (batch.size() < max && !closing && flushes.isEmpty()) {
            DeliveryEvent next = buffer.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
            buffer.drainTo(batch, max - batch.size());
        }
        return batch;
    }

    /**
     * @return at most {@code max} events of the buffer, without waiting; {@link #handled} once they are handled
     */
    List<DeliveryEvent> drainBuffer(int max) {
        List<DeliveryEvent> batch = new ArrayList<>();
        buffer.drainTo(batch, max);
        return batch;
    }

    /** Events taken from the buffer were acknowledged, journaled or dropped: they leave the memory count. */
    void handled(int count) {
        bufferHandled.addAndGet(count);
    }

    /**
     * Hands the overflow queue to {@code journal} in groups of at most {@link #OVERFLOW_GROUP}, in order. Safe from
     * close() too: each event is polled once.
     */
    void drainOverflow(Consumer<List<DeliveryEvent>> journal) {
        List<DeliveryEvent> group = new ArrayList<>();
        DeliveryEvent event;
        do {
            group.clear();
            while (group.size() < OVERFLOW_GROUP && (event = overflow.poll()) != null) {
                group.add(event);
            }
            try {
                journal.accept(group);
            } finally {
                // even after an Error: events counted in memory for good would make every later one dropped
                overflowHandled.addAndGet(group.size());
            }
        } while (group.size() == OVERFLOW_GROUP);
    }

    /**
     * @return complete once every event enqueued before the call is handled, or once {@link #completeFlushes}
     *     completes them all
     */
    CompletableFuture<Void> requestFlush() {
        FlushRequest request;
        synchronized (enqueueLock) {
            request = new FlushRequest(bufferEnqueued.get(), overflowEnqueued.get());
        }
        flushes.add(request);
        return request.done;
    }

    /** Whether a flush waits whose events are all handled. */
    boolean flushReached() {
        return flushes.stream().anyMatch(this::reached);
    }

    /**
     * Completes the flushes whose events are all handled, or every flush when {@code all}.
     */
    void completeFlushes(boolean all) {
        flushes.removeIf(flush -> {
            if (all || reached(flush)) {
                flush.done.complete(null);
                return true;
            }
            return false;
        });
    }

    private boolean reached(FlushRequest flush) {
        return bufferHandled.get() >= flush.bufferTarget && overflowHandled.get() >= flush.overflowTarget;
    }
}
