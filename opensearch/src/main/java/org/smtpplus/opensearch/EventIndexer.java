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
 * enqueues. Whatever OpenSearch does not acknowledge (down, slow, overloaded) and whatever does not fit in the buffer
 * goes to the {@link EventJournal}, replayed once OpenSearch answers again.
 */
final class EventIndexer {
    private static final Logger LOGGER = LoggerFactory.getLogger(EventIndexer.class);
    // while OpenSearch is down, how often the indexer asks again; a flush asks at once
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);

    private static final class FlushRequest {
        private final long target;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        private FlushRequest(long target) {
            this.target = target;
        }
    }

    private final EventIndex index;
    private final EventJournal journal;
    private final OpenSearchEventStoreConfiguration configuration;
    private final BlockingQueue<DeliveryEvent> buffer;
    private final Object enqueueLock = new Object();
    private final ConcurrentLinkedQueue<FlushRequest> flushes = new ConcurrentLinkedQueue<>();
    // events ever put into the buffer, and events the indexer took out of it and acknowledged or spilled
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong indexed = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;
    // only the indexer thread reads and writes these
    private boolean down;
    private long nextProbeMillis;

    EventIndexer(EventIndex index, EventJournal journal, OpenSearchEventStoreConfiguration configuration, boolean up) {
        this.index = index;
        this.journal = journal;
        this.configuration = configuration;
        this.buffer = new ArrayBlockingQueue<>(configuration.bufferCapacity());
        this.down = !up;
        this.thread = new Thread(this::run, "smtpplus-event-indexer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Never blocks on OpenSearch: a full buffer (or a closed indexer) spills the event to the journal instead.
     */
    void record(DeliveryEvent event) {
        if (!closing) {
            // counted in the same step as enqueued, so that a flush target never counts an event not yet in the buffer
            synchronized (enqueueLock) {
                if (buffer.offer(event)) {
                    enqueued.incrementAndGet();
                    return;
                }
            }
        }
        spill(List.of(event));
    }

    /**
     * Waits, at most the configured flush timeout, until every event recorded before the call was acknowledged or
     * spilled; when OpenSearch answers, the journal is replayed and the indices refreshed as well.
     */
    void flush() {
        FlushRequest request;
        synchronized (enqueueLock) {
            request = new FlushRequest(enqueued.get());
        }
        flushes.add(request);
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
        return new IndexingBacklog(buffer.size(), journal.spilled(), indexed.get(), journal.failed());
    }

    /**
     * Sends or spills what is buffered, then stops. Events left behind by a thread that does not stop in time
     * (a hung request) are spilled here.
     */
    void close() {
        closing = true;
        try {
            thread.join(configuration.flushTimeout().toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(configuration.requestTimeout().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<DeliveryEvent> left = new ArrayList<>();
        buffer.drainTo(left);
        if (!left.isEmpty()) {
            spill(left);
        }
        completeFlushes(Long.MAX_VALUE);
        try {
            // a later record() reopens a journal file: an event recorded during shutdown is still kept
            journal.close();
        } catch (IOException e) {
            LOGGER.warn("Cannot close the event journal in {}", configuration.journalDirectory(), e);
        }
    }

    private void run() {
        while (!closing) {
            try {
                step();
            } catch (InterruptedException e) {
                // close() interrupts only once closing is set: the loop ends
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOGGER.error("Event indexer step failed, going on", e);
            }
        }
        List<DeliveryEvent> batch = new ArrayList<>();
        while (buffer.drainTo(batch, configuration.batchSize()) > 0) {
            handle(batch);
            batch.clear();
        }
    }

    private void step() throws InterruptedException {
        List<DeliveryEvent> batch = nextBatch();
        if (!batch.isEmpty()) {
            handle(batch);
        }
        FlushRequest flush = flushes.peek();
        boolean flushing = flush != null && handled.get() >= flush.target;
        if (down && (flushing || System.currentTimeMillis() >= nextProbeMillis)) {
            probe();
        }
        if (!down && !journal.isEmpty()) {
            replay(flushing);
        }
        if (flushing) {
            if (!down) {
                refresh();
            }
            completeFlushes(handled.get());
        }
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

    private void handle(List<DeliveryEvent> batch) {
        if (down) {
            spill(batch);
        } else {
            send(batch);
        }
        handled.addAndGet(batch.size());
    }

    /**
     * @return whether OpenSearch answered the request; events it did not take are spilled either way
     */
    private boolean send(List<DeliveryEvent> events) {
        EventIndex.BulkOutcome outcome;
        try {
            outcome = index.index(events);
        } catch (IOException | RuntimeException e) {
            markDown(e);
            spill(events);
            return false;
        }
        indexed.addAndGet(outcome.indexed());
        if (!outcome.retryable().isEmpty()) {
            spill(outcome.retryable());
        }
        outcome.refused().forEach(refusal -> {
            LOGGER.error("OpenSearch refused {} for good ({}), kept in {}", refusal.event(), refusal.reason(),
                configuration.journalDirectory().resolve(EventJournal.FAILED_FILE));
            try {
                journal.fail(refusal.event(), refusal.reason());
            } catch (IOException e) {
                LOGGER.error("Cannot keep the refused {} in the journal", refusal.event(), e);
            }
        });
        return true;
    }

    private void spill(List<DeliveryEvent> events) {
        try {
            journal.append(events);
        } catch (IOException e) {
            // nothing else can keep them: at least the log has them
            LOGGER.error("Cannot journal {} events, they are lost: {}", events.size(), events, e);
        }
    }

    /**
     * Replays the oldest journal file, or every file for a flush; a file is deleted once OpenSearch answered for
     * each of its events (what it could not take now was spilled again to a newer file).
     */
    private void replay(boolean everything) {
        try {
            for (Path file : journal.filesToReplay()) {
                if (!replay(file) || !everything) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.error("Cannot replay the event journal in {}", configuration.journalDirectory(), e);
        }
    }

    private boolean replay(Path file) throws IOException {
        List<DeliveryEvent> events = new ArrayList<>();
        for (String line : EventJournal.read(file)) {
            try {
                events.add(EventDocuments.fromLine(line));
            } catch (IllegalArgumentException e) {
                LOGGER.error("Unreadable line in {}, kept in {}: {}", file, EventJournal.FAILED_FILE, line);
                journal.failUnreadable(line);
            }
        }
        for (int start = 0; start < events.size(); start += configuration.batchSize()) {
            if (!send(events.subList(start, Math.min(events.size(), start + configuration.batchSize())))) {
                return false;
            }
        }
        journal.delete(file);
        return true;
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

    private void completeFlushes(long handledSoFar) {
        FlushRequest flush = flushes.peek();
        while (flush != null && flush.target <= handledSoFar) {
            flushes.remove(flush);
            flush.done.complete(null);
            flush = flushes.peek();
        }
    }
}
