package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.literal;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.update;
import static org.smtpplus.cassandra.CassandraFailures.translate;
import static org.smtpplus.cassandra.CassandraFailures.translated;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.schedule.ScheduledMessage;
import org.smtpplus.core.schedule.ScheduledMessageRepository;
import org.smtpplus.core.store.StoreUnavailableException;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * Scheduled messages in four tables keyed by the message's id, every row expiring {@link #RETENTION} after it was
 * written: {@code scheduled_messages}, one row per message, holds it and its state, which only lightweight
 * transactions write, so that of a racing release and cancel, or of releases racing on several nodes, exactly one
 * wins; {@code scheduled_by_hour}, partitioned by the hour of {@code sendAt}, lists the pending messages in sending
 * order; {@code scheduled_hours}, one small partition, lists the hours that may hold pending messages, so that
 * finding what is due reads those hours only; {@code scheduled_by_batch} lists the messages of a batch.
 * docs/cassandra-schema.md gives the reasoning.
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
    // scheduled_hours is small enough for one partition: at most one row per hour of the retention
    private static final int HOURS_PARTITION = 0;
    // the driver refuses requests beyond its per-connection limit: long lists are read and changed this many at once
    private static final int CONCURRENT_REQUESTS = 64;

    private static final String PENDING = "pending";
    private static final String RELEASED = "released";
    private static final String CANCELLED = "cancelled";

    private static final String ID = "id";
    private static final String MESSAGE_ID = "message_id";
    private static final String BATCH_ID = "batch_id";
    private static final String SEND_AT = "send_at";
    private static final String ACCOUNT = "account";
    private static final String RECIPIENTS = "recipients";
    private static final String STATE = "state";
    private static final String HOUR = "hour";
    private static final String SHARD = "shard";
    private static final String ROW_LIMIT = "row_limit";
    private static final String WRITE_TIME = "write_time";

    private static final Comparator<ScheduledMessage> SENDING_ORDER = Comparator.comparing(ScheduledMessage::sendAt)
        .thenComparing(ScheduledMessage::id);

    private final CqlSession session;
    private final PreparedStatement insertIfNew;
    private final PreparedStatement leavePending;
    private final PreparedStatement backToPending;
    private final PreparedStatement selectMessage;
    private final PreparedStatement insertByHour;
    private final PreparedStatement insertHour;
    private final PreparedStatement insertByBatch;
    private final PreparedStatement deleteByHour;
    private final PreparedStatement deleteHourWrittenBefore;
    private final PreparedStatement selectHoursUntil;
    private final PreparedStatement selectAllHours;
    private final PreparedStatement selectDueInHour;
    private final PreparedStatement selectHour;
    private final PreparedStatement countHour;
    private final PreparedStatement selectBatch;

    public CassandraScheduledMessageRepository(CqlSession session) {
        this.session = session;
        this.insertIfNew = session.prepare(insertInto(CassandraSchema.SCHEDULED_MESSAGES)
            .value(ID, bindMarker(ID))
            .value(MESSAGE_ID, bindMarker(MESSAGE_ID))
            .value(BATCH_ID, bindMarker(BATCH_ID))
            .value(SEND_AT, bindMarker(SEND_AT))
            .value(ACCOUNT, bindMarker(ACCOUNT))
            .value(RECIPIENTS, bindMarker(RECIPIENTS))
            .value(STATE, literal(PENDING))
            .ifNotExists()
            .usingTtl(TTL_SECONDS)
            .build());
        this.leavePending = session.prepare(update(CassandraSchema.SCHEDULED_MESSAGES)
            .usingTtl(TTL_SECONDS)
            .setColumn(STATE, bindMarker(STATE))
            .whereColumn(ID).isEqualTo(bindMarker(ID))
            .ifColumn(STATE).isEqualTo(literal(PENDING))
            .build());
        this.backToPending = session.prepare(update(CassandraSchema.SCHEDULED_MESSAGES)
            .usingTtl(TTL_SECONDS)
            .setColumn(STATE, literal(PENDING))
            .whereColumn(ID).isEqualTo(bindMarker(ID))
            .ifColumn(STATE).isEqualTo(literal(RELEASED))
            .build());
        this.selectMessage = session.prepare(selectFrom(CassandraSchema.SCHEDULED_MESSAGES).all()
            .whereColumn(ID).isEqualTo(bindMarker(ID))
            .build());
        this.insertByHour = session.prepare(insertInto(CassandraSchema.SCHEDULED_BY_HOUR)
            .value(HOUR, bindMarker(HOUR))
            .value(SEND_AT, bindMarker(SEND_AT))
            .value(ID, bindMarker(ID))
            .usingTtl(TTL_SECONDS)
            .build());
        this.insertHour = session.prepare(insertInto(CassandraSchema.SCHEDULED_HOURS)
            .value(SHARD, literal(HOURS_PARTITION))
            .value(HOUR, bindMarker(HOUR))
            .usingTtl(TTL_SECONDS)
            .build());
        this.insertByBatch = session.prepare(insertInto(CassandraSchema.SCHEDULED_BY_BATCH)
            .value(BATCH_ID, bindMarker(BATCH_ID))
            .value(ID, bindMarker(ID))
            .usingTtl(TTL_SECONDS)
            .build());
        this.deleteByHour = session.prepare(deleteFrom(CassandraSchema.SCHEDULED_BY_HOUR)
            .whereColumn(HOUR).isEqualTo(bindMarker(HOUR))
            .whereColumn(SEND_AT).isEqualTo(bindMarker(SEND_AT))
            .whereColumn(ID).isEqualTo(bindMarker(ID))
            .build());
        this.deleteHourWrittenBefore = session.prepare(deleteFrom(CassandraSchema.SCHEDULED_HOURS)
            .usingTimestamp(bindMarker(WRITE_TIME))
            .whereColumn(SHARD).isEqualTo(literal(HOURS_PARTITION))
            .whereColumn(HOUR).isEqualTo(bindMarker(HOUR))
            .build());
        this.selectHoursUntil = session.prepare(selectFrom(CassandraSchema.SCHEDULED_HOURS).column(HOUR)
            .whereColumn(SHARD).isEqualTo(literal(HOURS_PARTITION))
            .whereColumn(HOUR).isLessThanOrEqualTo(bindMarker(HOUR))
            .build());
        this.selectAllHours = session.prepare(selectFrom(CassandraSchema.SCHEDULED_HOURS).column(HOUR)
            .whereColumn(SHARD).isEqualTo(literal(HOURS_PARTITION))
            .build());
        this.selectDueInHour = session.prepare(selectFrom(CassandraSchema.SCHEDULED_BY_HOUR).columns(SEND_AT, ID)
            .whereColumn(HOUR).isEqualTo(bindMarker(HOUR))
            .whereColumn(SEND_AT).isLessThanOrEqualTo(bindMarker(SEND_AT))
            .limit(bindMarker(ROW_LIMIT))
            .build());
        this.selectHour = session.prepare(selectFrom(CassandraSchema.SCHEDULED_BY_HOUR).columns(SEND_AT, ID)
            .whereColumn(HOUR).isEqualTo(bindMarker(HOUR))
            .build());
        this.countHour = session.prepare(selectFrom(CassandraSchema.SCHEDULED_BY_HOUR).countAll()
            .whereColumn(HOUR).isEqualTo(bindMarker(HOUR))
            .build());
        this.selectBatch = session.prepare(selectFrom(CassandraSchema.SCHEDULED_BY_BATCH).column(ID)
            .whereColumn(BATCH_ID).isEqualTo(bindMarker(BATCH_ID))
            .build());
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
            BoundStatement insert = insertIfNew.bind()
                .setString(ID, message.id())
                .setString(MESSAGE_ID, message.messageId())
                .setInstant(SEND_AT, message.sendAt())
                .setString(ACCOUNT, message.account())
                .setList(RECIPIENTS, message.recipients(), String.class);
            // left unset rather than null when absent: a null would write a tombstone
            ResultSet inserted = session.execute(message.batchId()
                .map(batchId -> insert.setString(BATCH_ID, batchId))
                .orElse(insert));
            // a transaction that did not apply returns the row that stopped it
            Row kept = inserted.wasApplied() ? null : inserted.one();
            if (kept == null) {
                session.execute(indexEntries(message));
            } else if (isPending(kept)) {
                session.execute(indexEntries(toMessage(kept)));
            }
            return null;
        });
    }

    private BatchStatement indexEntries(ScheduledMessage message) {
        // plain writes of whole values: the driver may retry the batch after a timeout, e.g. of the batch log
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED).setIdempotence(true)
            .addStatement(insertByHour.bind()
                .setInstant(HOUR, hourOf(message.sendAt()))
                .setInstant(SEND_AT, message.sendAt())
                .setString(ID, message.id()))
            .addStatement(insertHour.bind().setInstant(HOUR, hourOf(message.sendAt())));
        message.batchId().ifPresent(batchId -> batch.addStatement(insertByBatch.bind()
            .setString(BATCH_ID, batchId)
            .setString(ID, message.id())));
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
        List<String> ids = StreamSupport.stream(session.execute(selectBatch.bind().setString(BATCH_ID, batchId))
                .spliterator(), false)
            .map(row -> row.getString(ID))
            .collect(Collectors.toList());
        return pendingMessages(ids).stream()
            .sorted(SENDING_ORDER)
            .collect(Collectors.toList());
    }

    /** Reads every hour that may hold pending messages, in order, so the list comes in sending order. */
    private List<ScheduledMessage> allPending() {
        List<ScheduledMessage> pending = new ArrayList<>();
        for (Instant hour : hours(selectAllHours.bind())) {
            List<String> ids = StreamSupport.stream(session.execute(selectHour.bind().setInstant(HOUR, hour))
                    .spliterator(), false)
                .map(row -> row.getString(ID))
                .collect(Collectors.toList());
            pending.addAll(pendingMessages(ids));
        }
        return pending;
    }

    private List<ScheduledMessage> pendingMessages(List<String> ids) {
        return readMessages(ids).stream()
            .flatMap(Optional::stream)
            .filter(CassandraScheduledMessageRepository::isPending)
            .map(CassandraScheduledMessageRepository::toMessage)
            .collect(Collectors.toList());
    }

    /**
     * Counts the entries of {@code scheduled_by_hour}, which holds only pending messages, hour by hour in parallel.
     * An entry whose removal failed after its message left the pending state counts until {@link #due} meets it.
     */
    @Override
    public long countPending() {
        return translated("ScheduledMessageRepository.countPending", () ->
            executeAll(hours(selectAllHours.bind()).stream()
                    .map(hour -> countHour.bind().setInstant(HOUR, hour))
                    .collect(Collectors.toList()),
                counted -> counted.one().getLong(0))
                .stream()
                .mapToLong(Long::longValue)
                .sum());
    }

    @Override
    public List<String> cancel(String batchId) {
        return translated("ScheduledMessageRepository.cancel", () -> {
            List<ScheduledMessage> pending = pendingOfBatch(batchId);
            List<Boolean> applied = executeAll(pending.stream()
                    .map(message -> leavePending.bind().setString(STATE, CANCELLED).setString(ID, message.id()))
                    .collect(Collectors.toList()),
                AsyncResultSet::wasApplied);
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
            Optional<Row> row = readMessages(List.of(id)).get(0);
            if (row.isEmpty() || !isPending(row.get())) {
                return notReleased(row);
            }
            ResultSet released = session.execute(leavePending.bind().setString(STATE, RELEASED).setString(ID, id));
            if (!released.wasApplied()) {
                return notReleased(Optional.of(released.one()));
            }
            removeEntries(List.of(toMessage(row.get())));
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
                .filter(row -> RELEASED.equals(row.getString(STATE)))
                .map(CassandraScheduledMessageRepository::toMessage);
            if (released.isEmpty()) {
                return false;
            }
            BatchStatement entries = indexEntries(released.get());
            session.execute(entries);
            boolean requeued = session.execute(backToPending.bind().setString(ID, id)).wasApplied();
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
            for (Instant hour : hours(selectHoursUntil.bind().setInstant(HOUR, lastHour))) {
                long readTime = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis() - LATE_WRITE_MARGIN.toMillis());
                List<Row> entries = session.execute(selectDueInHour.bind()
                        .setInstant(HOUR, hour)
                        .setInstant(SEND_AT, until)
                        .setInt(ROW_LIMIT, limit - due.size()))
                    .all();
                if (entries.isEmpty() && hour.isBefore(lastHour)) {
                    session.execute(deleteHourWrittenBefore.bind().setLong(WRITE_TIME, readTime).setInstant(HOUR, hour));
                }
                List<Optional<Row>> messages = readMessages(entries.stream()
                    .map(entry -> entry.getString(ID))
                    .collect(Collectors.toList()));
                for (int i = 0; i < entries.size(); i++) {
                    Optional<Row> message = messages.get(i);
                    if (message.isPresent() && isPending(message.get())) {
                        due.add(toMessage(message.get()));
                    } else {
                        session.execute(deleteEntry(hour, entries.get(i).getInstant(SEND_AT), entries.get(i).getString(ID)));
                    }
                }
                if (due.size() == limit) {
                    break;
                }
            }
            return due;
        });
    }

    private List<Instant> hours(BoundStatement select) {
        return StreamSupport.stream(session.execute(select).spliterator(), false)
            .map(row -> row.getInstant(HOUR))
            .collect(Collectors.toList());
    }

    private List<Optional<Row>> readMessages(List<String> ids) {
        return executeAll(ids.stream()
                .map(id -> selectMessage.bind().setString(ID, id))
                .collect(Collectors.toList()),
            read -> Optional.ofNullable(read.one())
                // a state updated after the other columns expired outlives them, alone: the message is gone
                .filter(row -> !row.isNull(SEND_AT)));
    }

    /**
     * Deletes the entries of messages that left the pending state, best-effort: the transition happened, and
     * {@link #due} deletes an entry it meets whose message is no longer pending.
     */
    private void removeEntries(List<ScheduledMessage> messages) {
        bestEffort("delete the entries of " + messages.size() + " scheduled messages no longer pending", () ->
            executeAll(messages.stream()
                    .map(message -> deleteEntry(hourOf(message.sendAt()), message.sendAt(), message.id()))
                    .collect(Collectors.toList()),
                Function.identity()));
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

    private BoundStatement deleteEntry(Instant hour, Instant sendAt, String id) {
        return deleteByHour.bind()
            .setInstant(HOUR, hour)
            .setInstant(SEND_AT, sendAt)
            .setString(ID, id);
    }

    /** Runs the statements in parallel, {@link #CONCURRENT_REQUESTS} at a time; the results in the same order. */
    private <T> List<T> executeAll(List<BoundStatement> statements, Function<AsyncResultSet, T> result) {
        List<T> results = new ArrayList<>(statements.size());
        for (int from = 0; from < statements.size(); from += CONCURRENT_REQUESTS) {
            List<CompletableFuture<T>> running = statements.subList(from, Math.min(from + CONCURRENT_REQUESTS, statements.size()))
                .stream()
                .map(statement -> session.executeAsync(statement).toCompletableFuture().thenApply(result))
                .collect(Collectors.toList());
            running.forEach(call -> results.add(call.join()));
        }
        return results;
    }

    private static Instant hourOf(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    private static boolean isPending(Row row) {
        return PENDING.equals(row.getString(STATE));
    }

    /**
     * Why a message was not released, from its row: none when it is unknown, and without a state when it is the
     * answer of a transaction that found no row.
     */
    private static ReleaseOutcome notReleased(Optional<Row> row) {
        String state = row.filter(found -> found.getColumnDefinitions().contains(STATE))
            .map(found -> found.getString(STATE))
            .orElse("");
        switch (state) {
            case RELEASED:
                return ReleaseOutcome.ALREADY_RELEASED;
            case CANCELLED:
                return ReleaseOutcome.CANCELLED;
            default:
                return ReleaseOutcome.UNKNOWN;
        }
    }

    private static ScheduledMessage toMessage(Row row) {
        return new ScheduledMessage(row.getString(ID),
            row.getString(MESSAGE_ID),
            Optional.ofNullable(row.getString(BATCH_ID)),
            row.getInstant(SEND_AT),
            row.getString(ACCOUNT),
            row.getList(RECIPIENTS, String.class));
    }
}
