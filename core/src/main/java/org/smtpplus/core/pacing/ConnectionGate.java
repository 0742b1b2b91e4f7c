package org.smtpplus.core.pacing;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most a destination's {@code connections} copies in delivery at once on this node: the others wait, in the order
 * they came, and the next one goes as one in delivery is done. Each waiting copy is one queued callback.
 *
 * <p>Written here rather than with one {@link java.util.concurrent.Semaphore} per destination: a semaphore blocks a
 * thread per waiting copy, and its permits cannot follow a rule changed while copies are in delivery; here nothing
 * blocks, and the limit is read again at each release.
 */
public final class ConnectionGate {
    private final Map<String, Destination> destinations = new HashMap<>();

    /**
     * Runs {@code granted} now, on this thread, when fewer than {@code limit} copies of the destination are in
     * delivery; otherwise later, on the thread that {@link #release}s a place. Each grant is released exactly once.
     */
    public void acquire(String destination, int limit, Runnable granted) {
        synchronized (this) {
            Destination state = destinations.computeIfAbsent(destination, name -> new Destination());
            if (state.inDelivery >= limit) {
                state.waiting.add(granted);
                return;
            }
            state.inDelivery++;
        }
        granted.run();
    }

    /** A copy of the destination is out of delivery: the next waiting ones go, up to {@code limit} in delivery. */
    public void release(String destination, int limit) {
        ArrayDeque<Runnable> next = new ArrayDeque<>();
        synchronized (this) {
            Destination state = destinations.get(destination);
            if (state == null) {
                return;
            }
            state.inDelivery--;
            while (state.inDelivery < limit && !state.waiting.isEmpty()) {
                next.add(state.waiting.poll());
                state.inDelivery++;
            }
            if (state.inDelivery == 0 && state.waiting.isEmpty()) {
                destinations.remove(destination);
            }
        }
        next.forEach(Runnable::run);
    }

    /** The copies of each destination waiting for a place, for those that have some. */
    public synchronized Map<String, Long> waiting() {
        Map<String, Long> waiting = new HashMap<>();
        destinations.forEach((name, state) -> {
            if (!state.waiting.isEmpty()) {
                waiting.put(name, (long) state.waiting.size());
            }
        });
        return waiting;
    }

    synchronized int inDelivery(String destination) {
        Destination state = destinations.get(destination);
        return state == null ? 0 : state.inDelivery;
    }

    private static final class Destination {
        private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
        private int inDelivery;
    }
}
