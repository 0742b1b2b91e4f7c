package org.smtpplus.opensearch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.IndexingBacklog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves recorded events from a bounded buffer to OpenSearch, in bulk, on one background thread: recording only
 * enqueues. Whatever OpenSearch does not acknowledge (down, slow, overloaded) goes to the {@link EventJournal},
 * replayed once OpenSearch answers again. What does not fit in the buffer goes to an overflow queue that the same
 * thread journals in groups, one fsync a group: a recording thread (SMTP, spool) never waits for a disk.
 * <p>
 * Both are capped, so that a long outage under load exhausts neither the heap nor the disk: the buffer and the
 * overflow hold at most {@link OpenSearchEventStoreConfiguration#maxEventsInMemory()} events together (in flight
 * included), and the journal at most {@link OpenSearchEventStoreConfiguration#maxJournalBytes()}. An event beyond
 * either is dropped, the newest one, and counted in {@link DroppedEvents}: recording neither blocks nor throws, and
 * mail flows on.
 */
final class EventIndexer {
    private static final Logger LOGGER = LoggerFactory.getLogger(EventIndexer.class);
    // while OpenSearch is down, or refuses replayed events for now, how often the indexer asks again; a flush asks at once
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);
    // after an unexpected failure (an Error included), so that a failure that repeats does not spin
    private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(1);
    // overflow events journaled with one fsync
    private static final int OVERFLOW_GROUP = 1_000;

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

    private final EventIndex index;
    private final EventJournal journal;
    private final OpenSearchEventStoreConfiguration configuration;
    private final BlockingQueue<DeliveryEvent> buffer;
    private final ConcurrentLinkedQueue<DeliveryEvent> overflow = new ConcurrentLinkedQueue<>();
    private final JournalReplay replay;
    private final Object enqueueLock = new Object();
    private final ConcurrentLinkedQueue<FlushRequest> flushes = new ConcurrentLinkedQueue<>();
    // events ever put into each queue, and events the indexer took out of it and acknowledged or journaled: each queue
    // is handled in its order, so a flush is done when both handled counts reach the enqueued counts it saw
    private final AtomicLong bufferEnqueued = new AtomicLong();
    private final AtomicLong bufferHandled = new AtomicLong();
    private final AtomicLong overflowEnqueued = new AtomicLong();
    private final AtomicLong overflowHandled = new AtomicLong();
    private final AtomicLong indexed = new AtomicLong();
    private final DroppedEvents dropped;
    private final Thread thread;
    // set under enqueueLock, so that no event enters a queue once close() has started draining them
    private volatile boolean closing;
    // close() waited long enough: send nothing more, journal what is left. A flag, not an interrupt: an interrupted
    // thread cannot write the journal (its FileChannel throws ClosedByInterruptException)
    private volatile boolean stopping;
    private volatile boolean closed;
    // only the indexer thread reads and writes these
    private boolean down;
    private long nextProbeMillis;
    private long nextReplayMillis;

    EventIndexer(EventIndex index, EventJournal journal, OpenSearchEventStoreConfiguration configuration, boolean up) {
        this.index = index;
        this.journal = journal;
        this.configuration = configuration;
        this.buffer = new ArrayBlockingQueue<>(configuration.bufferCapacity());
        this.dropped = new DroppedEvents(configuration);
        this.replay = new JournalReplay(journal, configuration.batchSize(), this::deliverReplayed, () -> closing);
        this.down = !up;
        this.thread = new Thread(this::run, "smtpplus-event-indexer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Never blocks on OpenSearch nor on the disk, never throws: a full buffer puts the event in the overflow queue,
     * and with as many events in memory as allowed the event is dropped. Only once the indexer is closed, with no
     * thread left to take it, is an event journaled on the caller's thread.
     */
    void record(DeliveryEvent event) {
        boolean afterClose;
        synchronized (enqueueLock) {
            afterClose = closing;
            // only recording threads add to inMemory(), one at a time under this lock: it cannot pass the maximum
            if (!afterClose && inMemory() < configuration.maxEventsInMemory()) {
                // counted in the same step as enqueued, so that a flush target never counts an event not yet queued
                if (buffer.offer(event)) {
                    bufferEnqueued.incrementAndGet();
                } else {
                    overflow.add(event);
                    overflowEnqueued.incrementAndGet();
                }
                return;
            }
        }
        if (afterClose) {
            spill(List.of(event));
        } else {
            // the newest goes: the ones waiting are older, and the indexer thread is behind (a hung request, a slow disk)
            dropped.drop(DroppedEvents.Reason.MEMORY_FULL, 1, null);
        }
    }

    /** Events recorded and not yet acknowledged, journaled or dropped by the indexer thread. */
    private long inMemory() {
        // handled first: an event is handled only after it was enqueued, so the difference is never negative
        long handled = bufferHandled.get() + overflowHandled.get();
        return bufferEnqueued.get() + overflowEnqueued.get() - handled;
    }

    /**
     * Waits, at most the configured flush timeout, until every event recorded before the call was acknowledged or
     * journaled; when OpenSearch answers, the journal is replayed and the indices refreshed as well.
     */
    void flush() {
        FlushRequest request;
        synchronized (enqueueLock) {
            request = new FlushRequest(bufferEnqueued.get(), overflowEnqueued.get());
        }
        flushes.add(request);
        if (closed) {
            // no thread left to answer; what was recorded since was journaled by record() itself
            completeFlushes(true);
        }
        try {
            request.done.get(configuration.flushTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOGGER.warn("Events still not indexed nor journaled after {}: {}", configuration.flushTimeout(), backlog());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Flush failed", e.getCause());
        }
    }

    IndexingBacklog backlog() {
        return new IndexingBacklog(inMemory(), journal.spilled(), journal.bytes(), indexed.get(), journal.failed(),
            dropped.total());
    }

    /**
     * Sends or journals what is queued, then stops. Events left behind by a thread that does not stop in time
     * (a hung request) are journaled here.
     */
    void close() {
        // a caller's interrupt would end the waits at once and make the journal's channel throw: restored at the end
        boolean interrupted = Thread.interrupted();
        synchronized (enqueueLock) {
            closing = true;
        }
        interrupted |= join(configuration.flushTimeout());
        if (thread.isAlive()) {
            stopping = true;
            interrupted |= join(configuration.requestTimeout().plus(configuration.batchInterval()));
        }
        journalLeftovers();
        dropped.reportNow();
        try {
            // a later record() reopens a journal file: an event recorded after shutdown is still kept
            journal.close();
        } catch (IOException e) {
            LOGGER.warn("Cannot close the event journal in {}", configuration.journalDirectory(), e);
        }
        // set before the flushes are completed: a flush that comes later sees it and does not wait
        closed = true;
        completeFlushes(true);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return whether the caller was interrupted meanwhile (the flag is cleared, for the journal writes to come)
     */
    private boolean join(Duration timeout) {
        try {
            thread.join(timeout.toMillis());
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private void journalLeftovers() {
        drainOverflow();
        List<DeliveryEvent> left = new ArrayList<>();
        buffer.drainTo(left);
        spill(left);
        bufferHandled.addAndGet(left.size());
    }

    private void run() {
        while (!closing) {
            try {
                step();
            } catch (InterruptedException e) {
                // nobody interrupts this thread on purpose (close() sets flags): the flag is cleared, go on
                LOGGER.warn("Event indexer interrupted, going on");
            } catch (Throwable e) {
                // an Error too (an OutOfMemoryError): a dead indexer would silently leave every later event in memory
                failed(e);
            }
        }
        try {
            // a stray interrupt would make the journal's channel throw ClosedByInterruptException
            Thread.interrupted();
            drainOverflow();
            List<DeliveryEvent> batch = new ArrayList<>();
            while (buffer.drainTo(batch, configuration.batchSize()) > 0) {
                handle(batch);
                batch.clear();
            }
        } catch (Throwable e) {
            // close() journals what is left
            failed(e);
        }
    }

    private void failed(Throwable e) {
        try {
            LOGGER.error("Event indexer step failed, going on in {}", FAILURE_BACKOFF, e);
        } catch (Throwable ignored) {
            // logging can fail as the step did (out of memory): going on matters more
        }
        long until = System.currentTimeMillis() + FAILURE_BACKOFF.toMillis();
        while (!closing && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                // see run()
            }
        }
    }

    private void step() throws InterruptedException {
        drainOverflow();
        List<DeliveryEvent> batch = nextBatch();
        if (!batch.isEmpty()) {
            handle(batch);
        }
        boolean flushing = flushes.stream().anyMatch(this::reached);
        if (down && (flushing || System.currentTimeMillis() >= nextProbeMillis)) {
            probe();
        }
        if (!down && !journal.isEmpty() && (flushing || System.currentTimeMillis() >= nextReplayMillis)) {
            replay(flushing);
        }
        if (flushing) {
            if (!down) {
                refresh();
            }
            completeFlushes(false);
        }
        dropped.report();
    }

    private boolean reached(FlushRequest flush) {
        return bufferHandled.get() >= flush.bufferTarget && overflowHandled.get() >= flush.overflowTarget;
    }

    private List<DeliveryEvent> nextBatch() throws InterruptedException {
        List<DeliveryEvent> batch = new ArrayList<>();
        DeliveryEvent first = buffer.poll(configuration.batchInterval().toMillis(), TimeUnit.MILLISECONDS);
        if (first != null) {
            batch.add(first);
            buffer.drainTo(batch, configuration.batchSize() - 1);
        }
        return batch;
    }

    /**
     * Journals the overflow queue in groups, one fsync a group. Safe from close() too: each event is polled once.
     */
    private void drainOverflow() {
        List<DeliveryEvent> group = new ArrayList<>();
        DeliveryEvent event;
        do {
            group.clear();
            while (group.size() < OVERFLOW_GROUP && (event = overflow.poll()) != null) {
                group.add(event);
            }
            try {
                spill(group);
            } finally {
                // even after an Error: events counted in memory for good would make every later one dropped
                overflowHandled.addAndGet(group.size());
            }
        } while (group.size() == OVERFLOW_GROUP);
    }

    private void handle(List<DeliveryEvent> batch) {
        try {
            EventIndex.BulkOutcome outcome = down || stopping ? null : send(batch);
            if (outcome == null) {
                spill(batch);
            } else {
                indexed.addAndGet(outcome.indexed());
                spill(outcome.retryable());
                keepRefused(outcome.refused());
            }
        } finally {
            // even after an Error: events counted in memory for good would make every later one dropped
            bufferHandled.addAndGet(batch.size());
        }
    }

    /**
     * @return what OpenSearch did with each event, or null when the request as a whole failed
     */
    private EventIndex.BulkOutcome send(List<DeliveryEvent> events) {
        try {
            return index.index(events);
        } catch (IOException | RuntimeException e) {
            markDown(e);
            return null;
        }
    }

    /**
     * A replayed batch is settled only when nothing in it is left to retry: otherwise its file stays as it is, to be
     * sent again later, and nothing of it is journaled again (a flapping outage would duplicate the journal).
     */
    private boolean deliverReplayed(List<DeliveryEvent> events) {
        if (stopping) {
            return false;
        }
        EventIndex.BulkOutcome outcome = send(events);
        if (outcome == null) {
            return false;
        }
        indexed.addAndGet(outcome.indexed());
        if (!outcome.retryable().isEmpty()) {
            // the refusals are kept when the batch is sent again, so that they are kept once
            return false;
        }
        return keepRefused(outcome.refused());
    }

    /**
     * @return whether every refused event was kept in the failed file
     */
    private boolean keepRefused(List<EventIndex.Refusal> refusals) {
        boolean kept = true;
        for (EventIndex.Refusal refusal : refusals) {
            LOGGER.error("OpenSearch refused {} for good ({}), kept in {}", refusal.event(), refusal.reason(),
                configuration.journalDirectory().resolve(EventJournal.FAILED_FILE));
            try {
                journal.fail(refusal.event(), refusal.reason());
            } catch (IOException e) {
                LOGGER.error("Cannot keep the refused {} in the journal", refusal.event(), e);
                kept = false;
            }
        }
        return kept;
    }

    /**
     * Journals the events; those beyond the journal's maximum, or all of them when it cannot be written, are dropped.
     * A failing disk is said in the rate-limited drop line with its error, not with the events themselves: under
     * load, one line per group listing every event would flood a log that is often on that same disk.
     */
    private void spill(List<DeliveryEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            int kept = journal.append(events);
            if (kept < events.size()) {
                dropped.drop(DroppedEvents.Reason.JOURNAL_FULL, events.size() - kept, null);
            }
        } catch (IOException | RuntimeException e) {
            dropped.drop(DroppedEvents.Reason.JOURNAL_FAILED, events.size(), e);
        }
    }

    /**
     * Replays the oldest journal file, or every file for a flush. A file that cannot be replayed entirely now stays,
     * and is tried again after {@link #PROBE_INTERVAL} (or at the next flush).
     */
    private void replay(boolean everything) {
        try {
            for (Path file : journal.filesToReplay()) {
                if (!replay.replay(file)) {
                    nextReplayMillis = System.currentTimeMillis() + PROBE_INTERVAL.toMillis();
                    return;
                }
                if (!everything) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.error("Cannot replay the event journal in {}", configuration.journalDirectory(), e);
            nextReplayMillis = System.currentTimeMillis() + PROBE_INTERVAL.toMillis();
        }
    }

    private void probe() {
        try {
            index.createSchema();
            down = false;
            LOGGER.info("OpenSearch answers again; replaying {} journaled events", journal.spilled());
        } catch (IOException | RuntimeException e) {
            nextProbeMillis = System.currentTimeMillis() + PROBE_INTERVAL.toMillis();
        }
    }

    private void markDown(Exception cause) {
        if (!down) {
            LOGGER.warn("OpenSearch does not take events ({}); journaling them in {} until it does", cause.toString(),
                configuration.journalDirectory());
        }
        down = true;
        nextProbeMillis = System.currentTimeMillis() + PROBE_INTERVAL.toMillis();
    }

    private void refresh() {
        try {
            index.refresh();
        } catch (IOException | RuntimeException e) {
            markDown(e);
        }
    }

    private void completeFlushes(boolean all) {
        flushes.removeIf(flush -> {
            if (all || reached(flush)) {
                flush.done.complete(null);
                return true;
            }
            return false;
        });
    }
}
