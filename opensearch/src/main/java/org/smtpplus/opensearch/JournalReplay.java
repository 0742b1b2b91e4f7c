package org.smtpplus.opensearch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.smtpplus.core.event.DeliveryEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays one journal file batch by batch, reading it as a stream: a file written during a long outage need not fit
 * in memory. Each settled batch is marked replayed in the journal, so a replay stopped half-way (OpenSearch failed
 * again, the store is closing) goes on from there next time; the file is deleted only once every batch is settled.
 */
final class JournalReplay {
    /** Sends a batch; true once every event in it was acknowledged or refused for good and kept in the failed file. */
    interface Delivery {
        boolean deliver(List<DeliveryEvent> events);
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(JournalReplay.class);

    private final EventJournal journal;
    private final int batchSize;
    private final Delivery delivery;
    private final BooleanSupplier stop;

    JournalReplay(EventJournal journal, int batchSize, Delivery delivery, BooleanSupplier stop) {
        this.journal = journal;
        this.batchSize = batchSize;
        this.delivery = delivery;
        this.stop = stop;
    }

    /**
     * @return whether the file was replayed entirely and deleted; otherwise it stays, nothing of it journaled again
     */
    boolean replay(Path file) throws IOException {
        try (Stream<String> lines = EventJournal.lines(file)) {
            Iterator<String> remaining = lines.skip(journal.replayed(file)).iterator();
            while (remaining.hasNext()) {
                if (stop.getAsBoolean() || !replayBatch(file, remaining)) {
                    return false;
                }
            }
        }
        journal.delete(file);
        return true;
    }

    private boolean replayBatch(Path file, Iterator<String> remaining) throws IOException {
        List<DeliveryEvent> events = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int count = 0;
        while (count < batchSize && remaining.hasNext()) {
            String line = remaining.next();
            count++;
            try {
                events.add(EventDocuments.fromLine(line));
            } catch (IllegalArgumentException e) {
                unreadable.add(line);
            }
        }
        if (!events.isEmpty() && !delivery.deliver(events)) {
            return false;
        }
        // kept only once the batch is settled: a batch sent again must not keep its unreadable lines twice
        for (String line : unreadable) {
            LOGGER.error("Unreadable line in {}, kept in {}: {}", file, EventJournal.FAILED_FILE, line);
            journal.failUnreadable(line);
        }
        journal.replayed(file, count);
        return true;
    }
}
