package org.smtpplus.core.event;

/**
 * Where delivery events live (SMTPPLUS_STATS): recorded without ever blocking mail, then queried and reported on.
 */
public interface EventStore extends EventSink, EventQuery, EventReports, AutoCloseable {
    /**
     * Waits until every event recorded before the call is visible to queries and reports (or spilled, when the
     * index is down). For tests and for an orderly shutdown.
     */
    void flush();

    IndexingBacklog backlog();

    @Override
    void close();
}
