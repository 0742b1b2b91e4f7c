package org.smtpplus.core.event;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many events of each type: every type present, zero when none.
 */
public final class EventCounts {
    public static EventCounts of(Map<EventType, Long> counts) {
        EnumMap<EventType, Long> all = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            all.put(type, counts.getOrDefault(type, 0L));
        }
        return new EventCounts(all);
    }

    private final Map<EventType, Long> counts;

    private EventCounts(Map<EventType, Long> counts) {
        this.counts = Collections.unmodifiableMap(counts);
    }

    public long count(EventType type) {
        return counts.get(type);
    }

    /** In {@link EventType} order. */
    public Map<EventType, Long> asMap() {
        return counts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventCounts && counts.equals(((EventCounts) o).counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(counts);
    }

    @Override
    public String toString() {
        return "EventCounts" + counts;
    }
}
