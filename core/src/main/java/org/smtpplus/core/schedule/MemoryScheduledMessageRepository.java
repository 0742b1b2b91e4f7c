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
        .thenComparing(ScheduledMessage::id);

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

        private ReleaseOutcome release() {
            switch (state.compareAndExchange(State.PENDING, State.RELEASED)) {
                case PENDING:
                    return ReleaseOutcome.RELEASED;
                case RELEASED:
                    return ReleaseOutcome.ALREADY_RELEASED;
                default:
                    return ReleaseOutcome.CANCELLED;
            }
        }

        private boolean requeue() {
            return state.compareAndSet(State.RELEASED, State.PENDING);
        }

        private boolean isPending() {
            return state.get() == State.PENDING;
        }
    }

    private final ConcurrentMap<String, Parked> parked = new ConcurrentHashMap<>();

    @Override
    public void park(ScheduledMessage message) {
        parked.putIfAbsent(message.id(), new Parked(message));
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
    public List<String> cancel(String batchId) {
        return parked.values().stream()
            .filter(entry -> entry.message.batchId().equals(Optional.of(batchId)))
            .filter(entry -> entry.leavePendingFor(State.CANCELLED))
            .map(entry -> entry.message)
            .sorted(SENDING_ORDER)
            .map(ScheduledMessage::id)
            .collect(Collectors.toList());
    }

    @Override
    public ReleaseOutcome release(String id) {
        Parked entry = parked.get(id);
        return entry == null ? ReleaseOutcome.UNKNOWN : entry.release();
    }

    @Override
    public boolean requeue(String id) {
        Parked entry = parked.get(id);
        return entry != null && entry.requeue();
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
