package org.smtpplus.opensearch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * <p>
 * The queues are {@link EventQueues}, the requests to OpenSearch and its outages {@link OpenSearchLink}, the writes
 * to the journal {@link EventSpill}, the replay of its files {@link JournalReplay}; this class is the thread that
 * moves events between them, and its life.
 */
final class EventIndexer {
    private static final Logger LOGGER = LoggerFactory.getLogger(EventIndexer.class);
    // after an unexpected failure (an Error included), so that a failure that repeats does not spin
    private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(1);

    private final EventJournal journal;
    private final OpenSearchEventStoreConfiguration configuration;
    private final EventQueues queues;
    private final OpenSearchLink link;
    private final EventSpill spill;
    private final JournalReplay replay;
    private final AtomicLong indexed = new AtomicLong();
    private final DroppedEvents dropped;
    private final Thread thread;
    // close() waited long enough: send nothing more, journal what is left. A flag, not an interrupt: an interrupted
    // thread cannot write the journal (its FileChannel throws ClosedByInterruptException)
    private volatile boolean stopping;
    private volatile boolean closed;

    EventIndexer(EventIndex index, EventJournal journal, OpenSearchEventStoreConfiguration configuration, boolean up) {
        this.journal = journal;
        this.configuration = configuration;
        this.queues = new EventQueues(configuration.bufferCapacity(), configuration.maxEventsInMemory());
        this.link = new OpenSearchLink(index, journal, configuration.journalDirectory(), up);
        this.dropped = new DroppedEvents(configuration);
        this.spill = new EventSpill(journal, configuration.journalDirectory(), dropped);
        this.replay = new JournalReplay(journal, configuration.batchSize(), this::deliverReplayed, queues::isClosing);
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
        EventQueues.Offer offer = queues.offer(event);
        if (offer == EventQueues.Offer.CLOSED) {
            spill.spill(List.of(event));
        } else if (offer == EventQueues.Offer.FULL) {
            // the newest goes: the ones waiting are older, and the indexer thread is behind (a hung request, a slow disk)
            dropped.drop(DroppedEvents.Reason.MEMORY_FULL, 1, null);
        }
    }

    /**
     * Waits, at most the configured flush timeout, until every event recorded before the call was acknowledged or
     * journaled; when OpenSearch answers, the journal is replayed and the indices refreshed as well.
     */
    void flush() {
        CompletableFuture<Void> done = queues.requestFlush();
        if (closed) {
            // no thread left to answer; what was recorded since was journaled by record() itself
            queues.completeFlushes(true);
        }
        try {
            done.get(configuration.flushTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOGGER.warn("Events still not indexed nor journaled after {}: {}", configuration.flushTimeout(), backlog());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Flush failed", e.getCause());
        }
    }

    IndexingBacklog backlog() {
        return new IndexingBacklog(queues.inMemory(), journal.spilled(), journal.bytes(), indexed.get(),
            journal.failed(), dropped.total());
    }

    /**
     * Sends or journals what is queued, then stops. Events left behind by a thread that does not stop in time
     * (a hung request) are journaled here.
     */
    void close() {
        // a caller's interrupt would end the waits at once and make the journal's channel throw: restored at the end
        boolean interrupted = Thread.interrupted();
        queues.close();
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
        queues.completeFlushes(true);
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
        queues.drainOverflow(spill::spill);
        List<DeliveryEvent> left = queues.drainBuffer(Integer.MAX_VALUE);
        spill.spill(left);
        queues.handled(left.size());
    }

    private void run() {
        while (!queues.isClosing()) {
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
            queues.drainOverflow(spill::spill);
            List<DeliveryEvent> batch;
            while (!(batch = queues.drainBuffer(configuration.batchSize())).isEmpty()) {
                handle(batch);
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
        while (!queues.isClosing() && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                // see run()
            }
        }
    }

    private void step() throws InterruptedException {
        queues.drainOverflow(spill::spill);
        List<DeliveryEvent> batch = queues.nextBatch(configuration.batchInterval(), configuration.batchSize());
        if (!batch.isEmpty()) {
            handle(batch);
        }
        boolean flushing = queues.flushReached();
        link.probeIfDue(flushing);
        if (link.replayDue(flushing) && !journal.isEmpty()) {
            replay(flushing);
        }
        if (flushing) {
            link.refresh();
            queues.completeFlushes(false);
        }
        dropped.report();
    }

    private void handle(List<DeliveryEvent> batch) {
        try {
            EventIndex.BulkOutcome outcome = link.isDown() || stopping ? null : link.send(batch);
            if (outcome == null) {
                spill.spill(batch);
            } else {
                indexed.addAndGet(outcome.indexed());
                spill.spill(outcome.retryable());
                spill.keepRefused(outcome.refused());
            }
        } finally {
            // even after an Error: events counted in memory for good would make every later one dropped
            queues.handled(batch.size());
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
        EventIndex.BulkOutcome outcome = link.send(events);
        if (outcome == null) {
            return false;
        }
        indexed.addAndGet(outcome.indexed());
        if (!outcome.retryable().isEmpty()) {
            // the refusals are kept when the batch is sent again, so that they are kept once
            return false;
        }
        return spill.keepRefused(outcome.refused());
    }

    /**
     * Replays the oldest journal file, or every file for a flush. A file that cannot be replayed entirely now stays,
     * and is tried again after {@link OpenSearchLink#PROBE_INTERVAL} (or at the next flush).
     */
    private void replay(boolean everything) {
        try {
            for (Path file : journal.filesToReplay()) {
                if (!replay.replay(file)) {
                    link.replayLater();
                    return;
                }
                if (!everything) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.error("Cannot replay the event journal in {}", configuration.journalDirectory(), e);
            link.replayLater();
        }
    }
}
