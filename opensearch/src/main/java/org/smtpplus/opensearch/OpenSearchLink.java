package org.smtpplus.opensearch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.smtpplus.core.event.DeliveryEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexer's requests to OpenSearch, and whether it is down: a request that fails marks it down, and a down
 * OpenSearch is asked again only every {@link #PROBE_INTERVAL}, or at once for a flush. Only the indexer thread uses
 * it.
 */
final class OpenSearchLink {
    // the indexer's lines, under the logger name they always had
    private static final Logger LOGGER = LoggerFactory.getLogger(EventIndexer.class);
    // while OpenSearch is down, or refuses replayed events for now, how often the indexer asks again; a flush asks at once
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);

    private final EventIndex index;
    private final EventJournal journal;
    private final Path journalDirectory;
    // only the indexer thread reads and writes these
    private boolean down;
    private long nextProbeMillis;
    private long nextReplayMillis;

    OpenSearchLink(EventIndex index, EventJournal journal, Path journalDirectory, boolean up) {
        this.index = index;
        this.journal = journal;
        this.journalDirectory = journalDirectory;
        this.down = !up;
    }

    boolean isDown() {
        return down;
    }

    /**
     * @return what OpenSearch did with each event, or null when the request as a whole failed
     */
    EventIndex.BulkOutcome send(List<DeliveryEvent> events) {
        try {
            return index.index(events);
        } catch (IOException | RuntimeException e) {
            markDown(e);
            return null;
        }
    }

    /** Asks a down OpenSearch whether it answers again, once the interval is over or {@code now}. */
    void probeIfDue(boolean now) {
        if (down && (now || System.currentTimeMillis() >= nextProbeMillis)) {
            probe();
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

    /**
     * Whether the journal may be replayed: OpenSearch is up, and the interval since {@link #replayLater} is over or
     * {@code now}.
     */
    boolean replayDue(boolean now) {
        return !down && (now || System.currentTimeMillis() >= nextReplayMillis);
    }

    /** A replay could not finish: the next waits {@link #PROBE_INTERVAL} (or a flush). */
    void replayLater() {
        nextReplayMillis = System.currentTimeMillis() + PROBE_INTERVAL.toMillis();
    }

    /** Makes what was indexed searchable; nothing while OpenSearch is down. */
    void refresh() {
        if (down) {
            return;
        }
        try {
            index.refresh();
        } catch (IOException | RuntimeException e) {
            markDown(e);
        }
    }

    private void markDown(Exception cause) {
        if (!down) {
            LOGGER.warn("OpenSearch does not take events ({}); journaling them in {} until it does", cause.toString(),
                journalDirectory);
        }
        down = true;
        nextProbeMillis = System.currentTimeMillis() + PROBE_INTERVAL.toMillis();
    }
}
