package org.smtpplus.guice;

import javax.inject.Inject;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.reactivestreams.Publisher;
import org.smtpplus.core.event.EventStore;
import org.smtpplus.core.event.IndexingBacklog;

import reactor.core.publisher.Mono;

/**
 * Degraded (never unhealthy: mail flows on) while delivery events wait in the journal for the index, or were refused
 * by it; the numbers are in the message and at {@code GET /smtpplus/stats/backlog}.
 */
public class EventIndexingHealthCheck implements HealthCheck {
    private static final ComponentName COMPONENT = new ComponentName("SMTP+ event indexing");

    private final EventStore events;

    @Inject
    public EventIndexingHealthCheck(EventStore events) {
        this.events = events;
    }

    @Override
    public ComponentName componentName() {
        return COMPONENT;
    }

    @Override
    public Publisher<Result> check() {
        return Mono.fromCallable(events::backlog).map(this::result);
    }

    private Result result(IndexingBacklog backlog) {
        if (backlog.spilled() == 0 && backlog.failed() == 0) {
            return Result.healthy(COMPONENT);
        }
        return Result.degraded(COMPONENT, backlog.spilled() + " events wait in the journal for the index, "
            + backlog.failed() + " were refused by it (buffered " + backlog.buffered() + ", indexed " + backlog.indexed() + ")");
    }
}
