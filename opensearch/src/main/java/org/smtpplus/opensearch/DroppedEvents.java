package org.smtpplus.opensearch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.smtpplus.core.settings.SmtpPlusSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events the indexer drops, counted, and said in the log: at most one line an interval, with how many were
 * dropped since the previous line and why, so that a flood of drops (a long outage under load) is seen without
 * filling the log. The first drop after a quiet interval is logged at once; {@link #report()}, called often by the
 * indexer, logs the rest once the interval is over, and {@link #reportNow()} at close. Thread-safe; never throws.
 */
final class DroppedEvents {
    enum Reason {
        MEMORY_FULL,
        JOURNAL_FULL,
        JOURNAL_FAILED
    }

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private static final Logger LOGGER = LoggerFactory.getLogger(DroppedEvents.class);

    private final OpenSearchEventStoreConfiguration configuration;
    private final LongSupplier nanoTime;
    private final AtomicLong total = new AtomicLong();
    // guarded by this
    private final Map<Reason, Long> pending = new EnumMap<>(Reason.class);
    private Throwable lastFailure;
    private boolean logged;
    private long lastLineNanos;

    DroppedEvents(OpenSearchEventStoreConfiguration configuration) {
        this(configuration, System::nanoTime);
    }

    // tests move the clock
    DroppedEvents(OpenSearchEventStoreConfiguration configuration, LongSupplier nanoTime) {
        this.configuration = configuration;
        this.nanoTime = nanoTime;
    }

    /**
     * @param failure why the journal could not be written ({@link Reason#JOURNAL_FAILED}), else null
     */
    void drop(Reason reason, long count, Throwable failure) {
        total.addAndGet(count);
        synchronized (this) {
            pending.merge(reason, count, Long::sum);
            if (failure != null) {
                lastFailure = failure;
            }
        }
        report();
    }

    /** Events dropped since start. */
    long total() {
        return total.get();
    }

    /** Logs what was dropped since the previous line, if any, once the interval since that line is over. */
    void report() {
        report(false);
    }

    /** Logs what was dropped since the previous line, if any, now. */
    void reportNow() {
        report(true);
    }

    private void report(boolean now) {
        Map<Reason, Long> dropped;
        Throwable failure;
        synchronized (this) {
            long at = nanoTime.getAsLong();
            if (pending.isEmpty() || (!now && logged && at - lastLineNanos < INTERVAL.toNanos())) {
                return;
            }
            logged = true;
            lastLineNanos = at;
            dropped = new EnumMap<>(pending);
            failure = lastFailure;
            pending.clear();
            lastFailure = null;
        }
        try {
            LOGGER.error("Dropped {} delivery events since the previous such line (at most one a minute), never to be"
                + " indexed nor counted in reports: {}; {} dropped since start",
                dropped.values().stream().mapToLong(Long::longValue).sum(), reasons(dropped), total.get(), failure);
        } catch (RuntimeException e) {
            // recording must not fail because the log did: the counts are still in the backlog
        }
    }

    private String reasons(Map<Reason, Long> dropped) {
        List<String> reasons = new ArrayList<>();
        dropped.forEach((reason, count) -> reasons.add(count + " because " + why(reason)));
        return String.join(", ", reasons);
    }

    private String why(Reason reason) {
        switch (reason) {
            case MEMORY_FULL:
                return configuration.maxEventsInMemory() + " events already waited in memory ("
                    + SmtpPlusSettings.OPENSEARCH_MEMORY_MAX_EVENTS + ")";
            case JOURNAL_FULL:
                return "the journal in " + configuration.journalDirectory() + " had no room for them within its "
                    + configuration.maxJournalBytes() + " bytes (" + SmtpPlusSettings.OPENSEARCH_JOURNAL_MAX_SIZE
                    + "), until OpenSearch takes the events it holds";
            case JOURNAL_FAILED:
            default:
                return "the journal in " + configuration.journalDirectory() + " could not be written";
        }
    }
}
