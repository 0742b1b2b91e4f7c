package org.smtpplus.core.event;

import java.util.List;

/**
 * The report routes of docs/api.md#events-and-reports, computed where the events are (aggregations), never by
 * fetching them.
 */
public interface EventReports {
    EventCounts counts(EventFilter filter);

    /**
     * Sorted by key; a group exists only for a key some counted event has (no empty days).
     */
    List<EventGroup> groups(GroupBy groupBy, EventFilter filter);

    /**
     * The {@code top} groups with the most events, most first, ties by key: what a report of the biggest customers
     * asks, without reading every group. Not for {@link GroupBy#DAY}.
     */
    List<EventGroup> topGroups(GroupBy groupBy, EventFilter filter, int top);
}
