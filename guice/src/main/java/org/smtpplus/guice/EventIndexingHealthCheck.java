package org.smtpplus.guice;

import javax.inject.Inject;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.reactivestreams.Publisher;
import org.smtpplus.core.event.EventStore;
import org.smtpplus.core.event.IndexingBacklog;
import org.smtpplus.core.settings.SmtpPlusSettings;

import reactor.core.publisher.Mono;

/**
 * Degraded (never unhealthy: mail flows on) while delivery events wait in the journal for the index, were refused by
 * it, or were dropped since start (memory or journal full: the reports miss them until the relay restarts); the
 * message gives the events in memory and the journal's bytes against their maximums. The same numbers are at
 * {@code GET /smtpplus/stats/backlog}.
 */
public class EventIndexingHealthCheck implements HealthCheck {
    private static final ComponentName COMPONENT = new ComponentName("SMTP+ event indexing");

    private final EventStore events;
    private final SmtpPlusSettings settings;

    @Inject
    public EventIndexingHealthCheck(EventStore events, SmtpPlusSettings settings) {
        this.events = events;
        this.settings = settings;
    }

    @Override
    public ComponentName componentName() {
        return COMPONENT;
    }

    @Override
    public Publisher<Result> check() {
        return Mono.fromCallable(events::backlog).map(this::result);
    }

    Result result(IndexingBacklog backlog) {
        if (backlog.spilled() == 0 && backlog.failed() == 0 && backlog.dropped() == 0) {
            return Result.healthy(COMPONENT);
        }
        return Result.degraded(COMPONENT, backlog.spilled() + " events wait in the journal (" + backlog.journalBytes()
            + " of " + settings.openSearchJournalMaxBytes() + " bytes), " + backlog.dropped() + " dropped since start, "
            + backlog.failed() + " refused by the index (in memory " + backlog.buffered() + " of "
            + settings.openSearchMemoryMaxEvents() + " events, indexed " + backlog.indexed()
            + "); see GET /smtpplus/stats/backlog and the log");
    }
}
