package org.smtpplus.core.event;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How many events of each type: every type present, zero when none; and of the opens and clicks, how many were the
 * first a person made of their copy (unique, docs/tracking.md).
 */
public final class EventCounts {
    /** The types whose first events are counted apart. */
    public static final List<EventType> UNIQUE_TYPES = List.of(EventType.OPENED, EventType.CLICKED);

    public static EventCounts of(Map<EventType, Long> counts) {
        return of(counts, Map.of());
    }

    /** @param firsts of {@link #UNIQUE_TYPES}, the events marked first */
    public static EventCounts of(Map<EventType, Long> counts, Map<EventType, Long> firsts) {
        EnumMap<EventType, Long> all = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            all.put(type, counts.getOrDefault(type, 0L));
        }
        EnumMap<EventType, Long> unique = new EnumMap<>(EventType.class);
        for (EventType type : UNIQUE_TYPES) {
            unique.put(type, firsts.getOrDefault(type, 0L));
        }
        return new EventCounts(all, unique);
    }

    private final Map<EventType, Long> counts;
    private final Map<EventType, Long> unique;

    private EventCounts(Map<EventType, Long> counts, Map<EventType, Long> unique) {
        this.counts = Collections.unmodifiableMap(counts);
        this.unique = Collections.unmodifiableMap(unique);
    }

    public long count(EventType type) {
        return counts.get(type);
    }

    /** Of {@link #UNIQUE_TYPES}: the copies a person opened, or clicked a link of. */
    public long unique(EventType type) {
        return unique.getOrDefault(type, 0L);
    }

    /** Every event counted, of every type. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** In {@link EventType} order. */
    public Map<EventType, Long> asMap() {
        return counts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventCounts && counts.equals(((EventCounts) o).counts) && unique.equals(((EventCounts) o).unique);
    }

    @Override
    public int hashCode() {
        return Objects.hash(counts, unique);
    }

    @Override
    public String toString() {
        return "EventCounts" + counts + ", unique " + unique;
    }
}
