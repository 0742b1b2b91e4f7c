package org.smtpplus.opensearch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.smtpplus.core.event.DeliveryEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to the journal what OpenSearch did not take: the events to send again later, within the journal's maximum
 * (the rest counted in {@link DroppedEvents}), and the events it refused for good, in the failed file. Thread-safe:
 * the indexer thread, close() and a record() after close spill.
 */
final class EventSpill {
    // the indexer's lines, under the logger name they always had
    private static final Logger LOGGER = LoggerFactory.getLogger(EventIndexer.class);

    private final EventJournal journal;
    private final Path journalDirectory;
    private final DroppedEvents dropped;

    EventSpill(EventJournal journal, Path journalDirectory, DroppedEvents dropped) {
        this.journal = journal;
        this.journalDirectory = journalDirectory;
        this.dropped = dropped;
    }

    /**
     * Journals the events; those beyond the journal's maximum, or all of them when it cannot be written, are dropped.
     * A failing disk is said in the rate-limited drop line with its error, not with the events themselves: under
     * load, one line per group listing every event would flood a log that is often on that same disk.
     */
    void spill(List<DeliveryEvent> events) {
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
     * @return whether every refused event was kept in the failed file
     */
    boolean keepRefused(List<EventIndex.Refusal> refusals) {
        boolean kept = true;
        for (EventIndex.Refusal refusal : refusals) {
            LOGGER.error("OpenSearch refused {} for good ({}), kept in {}", refusal.event(), refusal.reason(),
                journalDirectory.resolve(EventJournal.FAILED_FILE));
            try {
                journal.fail(refusal.event(), refusal.reason());
            } catch (IOException e) {
                LOGGER.error("Cannot keep the refused {} in the journal", refusal.event(), e);
                kept = false;
            }
        }
        return kept;
    }
}
