package org.smtpplus.core.event;

import java.util.Objects;

public final class EventGroup {
    private final String key;
    private final EventCounts counts;

    public EventGroup(String key, EventCounts counts) {
        this.key = Objects.requireNonNull(key);
        this.counts = Objects.requireNonNull(counts);
    }

    public String key() {
        return key;
    }

    public EventCounts counts() {
        return counts;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof EventGroup) {
            EventGroup that = (EventGroup) o;
            return key.equals(that.key) && counts.equals(that.counts);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, counts);
    }

    @Override
    public String toString() {
        return "EventGroup{" + key + ": " + counts + "}";
    }
}
