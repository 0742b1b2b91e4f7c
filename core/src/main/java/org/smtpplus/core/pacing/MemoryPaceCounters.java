package org.smtpplus.core.pacing;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The counts in this JVM (SMTPPLUS_STORE=memory: one node, so they are exact). */
public final class MemoryPaceCounters implements PaceCounters {
    private final Map<Key, AtomicLong> counts = new ConcurrentHashMap<>();

    @Override
    public long increment(String destination, long minute) {
        return counts.computeIfAbsent(new Key(destination, minute), key -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public long add(String destination, long minute, int slots) {
        PaceCounters.checkSlots(slots);
        return counts.computeIfAbsent(new Key(destination, minute), key -> new AtomicLong()).addAndGet(slots);
    }

    @Override
    public void forget(String destination, long minute) {
        counts.remove(new Key(destination, minute));
    }

    /** How many destination minutes are counted: what {@link #forget} keeps bounded. */
    int size() {
        return counts.size();
    }

    private static final class Key {
        private final String destination;
        private final long minute;

        Key(String destination, long minute) {
            this.destination = destination;
            this.minute = minute;
        }

        @Override
        public boolean equals(Object o) {
            if (o instanceof Key) {
                Key that = (Key) o;
                return minute == that.minute && destination.equals(that.destination);
            }
            return false;
        }

        @Override
        public int hashCode() {
            return Objects.hash(destination, minute);
        }
    }
}
