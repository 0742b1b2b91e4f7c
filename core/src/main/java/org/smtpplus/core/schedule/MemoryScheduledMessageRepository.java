package org.smtpplus.core.schedule;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Scheduled messages in memory, for the memory James server and tests: kept until the JVM stops, released or not.
 * Thread-safe.
 */
public final class MemoryScheduledMessageRepository implements ScheduledMessageRepository {
    private static final Comparator<ScheduledMessage> SENDING_ORDER = Comparator.comparing(ScheduledMessage::sendAt)
        .thenComparing(ScheduledMessage::messageId);

    private enum State {
        PENDING, RELEASED, CANCELLED
    }

    private static final class Parked {
        private final ScheduledMessage message;
        private final AtomicReference<State> state = new AtomicReference<>(State.PENDING);

        private Parked(ScheduledMessage message) {
            this.message = message;
        }

        // a compare-and-set: of a racing release and cancel, exactly one leaves the pending state
        private boolean leavePendingFor(State next) {
            return state.compareAndSet(State.PENDING, next);
        }

        private boolean isPending() {
            return state.get() == State.PENDING;
        }
    }

    private final ConcurrentMap<String, Parked> parked = new ConcurrentHashMap<>();

    @Override
    public void park(ScheduledMessage message) {
        parked.putIfAbsent(message.messageId(), new Parked(message));
    }

    @Override
    public List<ScheduledMessage> pending(Optional<String> batchId) {
        return pendingMessages()
            .filter(message -> batchId.map(wanted -> message.batchId().equals(Optional.of(wanted))).orElse(true))
            .sorted(SENDING_ORDER)
            .collect(Collectors.toList());
    }

    @Override
    public long countPending() {
        return pendingMessages().count();
    }

    @Override
    public int cancel(String batchId) {
        return (int) parked.values().stream()
            .filter(entry -> entry.message.batchId().equals(Optional.of(batchId)))
            .filter(entry -> entry.leavePendingFor(State.CANCELLED))
            .count();
    }

    @Override
    public boolean release(String messageId) {
        Parked entry = parked.get(messageId);
        return entry != null && entry.leavePendingFor(State.RELEASED);
    }

    @Override
    public List<ScheduledMessage> due(Instant until, int limit) {
        return pendingMessages()
            .filter(message -> !message.sendAt().isAfter(until))
            .sorted(SENDING_ORDER)
            .limit(limit)
            .collect(Collectors.toList());
    }

    private Stream<ScheduledMessage> pendingMessages() {
        return parked.values().stream()
            .filter(Parked::isPending)
            .map(entry -> entry.message);
    }
}
