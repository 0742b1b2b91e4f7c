package org.smtpplus.cassandra;

import static org.smtpplus.cassandra.CassandraFailures.translate;
import static org.smtpplus.cassandra.CassandraFailures.translated;
import static org.smtpplus.cassandra.ScheduledMessageDAO.CANCELLED;
import static org.smtpplus.cassandra.ScheduledMessageDAO.RELEASED;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.cassandra.ScheduledByHourDAO.Entry;
import org.smtpplus.cassandra.ScheduledMessageDAO.ScheduledMessageRow;
import org.smtpplus.core.schedule.ScheduledMessage;
import org.smtpplus.core.schedule.ScheduledMessageRepository;
import org.smtpplus.core.store.StoreUnavailableException;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;

/**
 * Scheduled messages in four tables keyed by the message's id, every row expiring {@link #RETENTION} after it was
 * written: {@code scheduled_messages} ({@link ScheduledMessageDAO}), one row per message, holds it and its state,
 * which only lightweight transactions write, so that of a racing release and cancel, or of releases racing on several
 * nodes, exactly one wins; {@code scheduled_by_hour} ({@link ScheduledByHourDAO}), partitioned by the hour of
 * {@code sendAt}, lists the pending messages in sending order; {@code scheduled_hours} ({@link ScheduledHoursDAO}),
 * one small partition, lists the hours that may hold pending messages, so that finding what is due reads those hours
 * only; {@code scheduled_by_batch} ({@link ScheduledByBatchDAO}) lists the messages of a batch. This class decides
 * what the DAOs cannot see alone: the hour of a message, which writes go together in a batch and in what order, and
 * how an index entry is confirmed by its message's row. docs/cassandra-schema.md gives the reasoning.
 */
public class CassandraScheduledMessageRepository implements ScheduledMessageRepository {
    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraScheduledMessageRepository.class);

    /** A message is parked at most 30 days ahead (docs/scheduling.md), and may wait a while longer for a relay down. */
    static final Duration RETENTION = Duration.ofDays(40);
    static final int TTL_SECONDS = (int) RETENTION.toSeconds();
    /**
     * How long after its timestamp a write may still become visible: an hour read empty is forgotten with a deletion
     * that much older than the read, so that it never hides a message parked into the hour meanwhile.
     */
    static final Duration LATE_WRITE_MARGIN = Duration.ofMinutes(1);
    // the driver refuses requests beyond its per-connection limit: long lists are read and changed this many at once
    private static final int CONCURRENT_REQUESTS = 64;

    private static final Comparator<ScheduledMessage> SENDING_ORDER = Comparator.comparing(ScheduledMessage::sendAt)
        .thenComparing(ScheduledMessage::id);

    private final CqlSession session;
    private final ScheduledMessageDAO messages;
    private final ScheduledByHourDAO byHour;
    private final ScheduledHoursDAO hours;
    private final ScheduledByBatchDAO byBatch;

    public CassandraScheduledMessageRepository(CqlSession session) {
        this.session = session;
        this.messages = new ScheduledMessageDAO(session, TTL_SECONDS);
        this.byHour = new ScheduledByHourDAO(session, TTL_SECONDS);
        this.hours = new ScheduledHoursDAO(session, TTL_SECONDS);
        this.byBatch = new ScheduledByBatchDAO(session, TTL_SECONDS);
    }

    /**
     * A lightweight transaction decides whether the message is new, then one logged batch writes the index entries
     * of the message kept, if it is still pending: a park cut short by an outage after its transaction left them
     * missing, and the retried park completes them. A released or cancelled message gets none, so that it stays out
     * of the lists.
     */
    @Override
    public void park(ScheduledMessage message) {
        translated("ScheduledMessageRepository.park", () -> {
            Optional<ScheduledMessageRow> kept = messages.insertIfNew(message);
            if (kept.isEmpty()) {
                session.execute(indexEntries(message));
            } else if (kept.get().isPending()) {
                session.execute(indexEntries(kept.get().message()));
            }
            return null;
        });
    }

    private BatchStatement indexEntries(ScheduledMessage message) {
        Instant hour = hourOf(message.sendAt());
        // plain writes of whole values: the driver may retry the batch after a timeout, e.g. of the batch log
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED).setIdempotence(true)
            .addStatement(byHour.insert(hour, message.sendAt(), message.id()))
            .addStatement(hours.insert(hour));
        message.batchId().ifPresent(batchId -> batch.addStatement(byBatch.insert(batchId, message.id())));
        return batch.build();
    }

    /** Reads the message rows of the batch's entries: the rows say which are still pending. */
    @Override
    public List<ScheduledMessage> pending(Optional<String> batchId) {
        return translated("ScheduledMessageRepository.pending", () -> batchId
            .map(this::pendingOfBatch)
            .orElseGet(this::allPending));
    }

    private List<ScheduledMessage> pendingOfBatch(String batchId) {
        return pendingMessages(byBatch.selectIds(batchId)).stream()
            .sorted(SENDING_ORDER)
            .collect(Collectors.toList());
    }

    /** Reads every hour that may hold pending messages, in order, so the list comes in sending order. */
    private List<ScheduledMessage> allPending() {
        List<ScheduledMessage> pending = new ArrayList<>();
        for (Instant hour : hours.selectAll()) {
            pending.addAll(pendingMessages(byHour.selectIds(hour)));
        }
        return pending;
    }

    private List<ScheduledMessage> pendingMessages(List<String> ids) {
        return readMessages(ids).stream()
            .flatMap(Optional::stream)
            .filter(ScheduledMessageRow::isPending)
            .map(ScheduledMessageRow::message)
            .collect(Collectors.toList());
    }

    /**
     * Counts the entries of {@code scheduled_by_hour}, which holds only pending messages, hour by hour in parallel.
     * An entry whose removal failed after its message left the pending state counts until {@link #due} meets it.
     */
    @Override
    public long countPending() {
        return translated("ScheduledMessageRepository.countPending", () ->
            ParallelRequests.inOrder(hours.selectAll(), CONCURRENT_REQUESTS, byHour::count)
                .stream()
                .mapToLong(Long::longValue)
                .sum());
    }

    @Override
    public List<String> cancel(String batchId) {
        return translated("ScheduledMessageRepository.cancel", () -> {
            List<ScheduledMessage> pending = pendingOfBatch(batchId);
            List<Boolean> applied = ParallelRequests.inOrder(pending, CONCURRENT_REQUESTS,
                message -> messages.leavePendingAsync(message.id(), CANCELLED));
            List<ScheduledMessage> cancelled = IntStream.range(0, pending.size())
                .filter(applied::get)
                .mapToObj(pending::get)
                .collect(Collectors.toList());
            removeEntries(cancelled);
            return cancelled.stream().map(ScheduledMessage::id).collect(Collectors.toList());
        });
    }

    /**
     * Reads the row first, so that releasing a message that is not pending needs no Paxos round; a transaction that
     * did not apply returns the state that stopped it.
     */
    @Override
    public ReleaseOutcome release(String id) {
        return translated("ScheduledMessageRepository.release", () -> {
            Optional<ScheduledMessageRow> row = readMessages(List.of(id)).get(0);
            if (row.isEmpty() || !row.get().isPending()) {
                return notReleased(row);
            }
            Optional<ScheduledMessageRow> stopped = messages.leavePending(id, RELEASED);
            if (stopped.isPresent()) {
                return notReleased(stopped);
            }
            removeEntries(List.of(row.get().message()));
            return ReleaseOutcome.RELEASED;
        });
    }

    /**
     * Writes the index entries of the message before its transaction, so that a requeue cut short after it still
     * leaves the message listed (entries of a message still released are removed by {@link #due}), and again after
     * it applied, as a {@code due} that read the message still released may have removed them meanwhile. The
     * rewrite is best-effort: the requeue happened, and the entries written before list it.
     */
    @Override
    public boolean requeue(String id) {
        return translated("ScheduledMessageRepository.requeue", () -> {
            Optional<ScheduledMessage> released = readMessages(List.of(id)).get(0)
                .filter(row -> row.state().equals(Optional.of(RELEASED)))
                .map(ScheduledMessageRow::message);
            if (released.isEmpty()) {
                return false;
            }
            BatchStatement entries = indexEntries(released.get());
            session.execute(entries);
            boolean requeued = messages.backToPending(id);
            if (requeued) {
                bestEffort("rewrite the entries of requeued scheduled message " + id, () -> session.execute(entries));
            }
            return requeued;
        });
    }

    /**
     * Reads, oldest first, the hours that {@code scheduled_hours} lists up to the hour of {@code until}, until it has
     * {@code limit} messages. An entry whose message is no longer pending (its removal failed) is removed now, and a
     * whole hour found empty is forgotten, with a deletion timestamped {@link #LATE_WRITE_MARGIN} before the read:
     * a message parked into the hour after the read rewrites its row with a later timestamp, which the deletion
     * cannot hide.
     */
    @Override
    public List<ScheduledMessage> due(Instant until, int limit) {
        return translated("ScheduledMessageRepository.due", () -> {
            Instant lastHour = hourOf(until);
            List<ScheduledMessage> due = new ArrayList<>();
            for (Instant hour : hours.selectUntil(lastHour)) {
                long readTime = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis() - LATE_WRITE_MARGIN.toMillis());
                List<Entry> entries = byHour.selectDue(hour, until, limit - due.size());
                if (entries.isEmpty() && hour.isBefore(lastHour)) {
                    session.execute(hours.deleteWrittenBefore(hour, readTime));
                }
                List<Optional<ScheduledMessageRow>> rows = readMessages(entries.stream()
                    .map(Entry::id)
                    .collect(Collectors.toList()));
                for (int i = 0; i < entries.size(); i++) {
                    Optional<ScheduledMessageRow> row = rows.get(i);
                    if (row.isPresent() && row.get().isPending()) {
                        due.add(row.get().message());
                    } else {
                        session.execute(byHour.delete(hour, entries.get(i).sendAt(), entries.get(i).id()));
                    }
                }
                if (due.size() == limit) {
                    break;
                }
            }
            return due;
        });
    }

    private List<Optional<ScheduledMessageRow>> readMessages(List<String> ids) {
        return ParallelRequests.inOrder(ids, CONCURRENT_REQUESTS, messages::selectAsync);
    }

    /**
     * Deletes the entries of messages that left the pending state, best-effort: the transition happened, and
     * {@link #due} deletes an entry it meets whose message is no longer pending.
     */
    private void removeEntries(List<ScheduledMessage> left) {
        bestEffort("delete the entries of " + left.size() + " scheduled messages no longer pending", () ->
            ParallelRequests.inOrder(left, CONCURRENT_REQUESTS, message ->
                session.executeAsync(byHour.delete(hourOf(message.sendAt()), message.sendAt(), message.id()))));
    }

    /** Runs {@code write}, logging rather than throwing when Cassandra is unavailable; any other failure is a bug. */
    private static void bestEffort(String write, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            RuntimeException failure = translate(write, e);
            if (!(failure instanceof StoreUnavailableException)) {
                throw failure;
            }
            LOGGER.warn("Could not {}", write, failure);
        }
    }

    private static Instant hourOf(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    /**
     * Why a message was not released, from its row: none when it is unknown, and without a state when it is the
     * answer of a transaction that found no row.
     */
    private static ReleaseOutcome notReleased(Optional<ScheduledMessageRow> row) {
        String state = row.flatMap(ScheduledMessageRow::state).orElse("");
        switch (state) {
            case RELEASED:
                return ReleaseOutcome.ALREADY_RELEASED;
            case CANCELLED:
                return ReleaseOutcome.CANCELLED;
            default:
                return ReleaseOutcome.UNKNOWN;
        }
    }
}
