package org.smtpplus.core.event;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.smtpplus.core.address.EmailAddresses;

/**
 * Keeps the most recent {@value #CAPACITY} events in memory, for the memory James server and tests; older ones are
 * dropped, so a long-running relay does not run out of memory. Thread-safe.
 */
public final class MemoryEventSink implements EventSink, EventQuery {
    public static final int CAPACITY = 100_000;

    private final Deque<DeliveryEvent> events = new ArrayDeque<>();

    @Override
    public synchronized void record(DeliveryEvent event) {
        if (events.size() == CAPACITY) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    /**
     * A copy of the kept events, oldest first.
     */
    public synchronized List<DeliveryEvent> recorded() {
        return List.copyOf(events);
    }

    /**
     * Recipients are compared lower-case, as subscriber lists compare them.
     */
    @Override
    public synchronized List<DeliveryEvent> find(Optional<String> recipient, Optional<String> messageId,
                                                 Optional<String> customId, int limit) {
        Optional<String> normalisedRecipient = recipient.map(EmailAddresses::normalise);
        List<DeliveryEvent> found = new ArrayList<>();
        Iterator<DeliveryEvent> newestFirst = events.descendingIterator();
        while (newestFirst.hasNext() && found.size() < limit) {
            DeliveryEvent event = newestFirst.next();
            if (normalisedRecipient.map(wanted -> EmailAddresses.normalise(event.recipient()).equals(wanted)).orElse(true)
                && messageId.map(event.messageId()::equals).orElse(true)
                && customId.map(wanted -> event.customId().equals(Optional.of(wanted))).orElse(true)) {
                found.add(event);
            }
        }
        return found;
    }
}
