package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.literal;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.update;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.smtpplus.core.schedule.ScheduledMessage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * The statements of table {@code scheduled_messages}, one row per message, holding it and its state, and the mapping
 * of its rows. Only lightweight transactions write it, so that of racing transitions of a message exactly one
 * applies; a transaction that did not apply answers with the row that stopped it. These run here, in the order
 * {@link CassandraScheduledMessageRepository} calls them; failures are the repository's to translate.
 */
final class ScheduledMessageDAO {
    static final String PENDING = "pending";
    static final String RELEASED = "released";
    static final String CANCELLED = "cancelled";

    /** A row as read, or as a transaction that did not apply answers; mapped when asked. */
    static final class ScheduledMessageRow {
        private final Row row;

        private ScheduledMessageRow(Row row) {
            this.row = row;
        }

        /** Empty in the answer of a transaction that found no row: it holds no state column. */
        Optional<String> state() {
            return Optional.of(row)
                .filter(found -> found.getColumnDefinitions().contains(STATE))
                .map(found -> found.getString(STATE));
        }

        boolean isPending() {
            return PENDING.equals(row.getString(STATE));
        }

        ScheduledMessage message() {
            return new ScheduledMessage(row.getString(ID),
                row.getString(MESSAGE_ID),
                Optional.ofNullable(row.getString(BATCH_ID)),
                row.getInstant(SEND_AT),
                row.getString(ACCOUNT),
                row.getList(RECIPIENTS, String.class));
        }
    }

    private static final String ID = "id";
    private static final String MESSAGE_ID = "message_id";
    private static final String BATCH_ID = "batch_id";
    private static final String SEND_AT = "send_at";
    private static final String ACCOUNT = "account";
    private static final String RECIPIENTS = "recipients";
    private static final String STATE = "state";

    private final CqlSession session;
    private final PreparedStatement insertIfNew;
    private final PreparedStatement leavePending;
    private final PreparedStatement backToPending;
    private final PreparedStatement select;

    /** @param ttlSeconds of every write; a state rewritten by a transition expires no sooner than the message */
    ScheduledMessageDAO(CqlSession session, int ttlSeconds) {
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
            .usingTtl(ttlSeconds)
            .build());
        this.leavePending = session.prepare(update(CassandraSchema.SCHEDULED_MESSAGES)
            .usingTtl(ttlSeconds)
            .setColumn(STATE, bindMarker(STATE))
            .whereColumn(ID).isEqualTo(bindMarker(ID))
            .ifColumn(STATE).isEqualTo(literal(PENDING))
            .build());
        this.backToPending = session.prepare(update(CassandraSchema.SCHEDULED_MESSAGES)
            .usingTtl(ttlSeconds)
            .setColumn(STATE, literal(PENDING))
            .whereColumn(ID).isEqualTo(bindMarker(ID))
            .ifColumn(STATE).isEqualTo(literal(RELEASED))
            .build());
        this.select = session.prepare(selectFrom(CassandraSchema.SCHEDULED_MESSAGES).all()
            .whereColumn(ID).isEqualTo(bindMarker(ID))
            .build());
    }

    /** Parks the message, pending, unless its id is taken: then answers the row kept, which it leaves as it is. */
    Optional<ScheduledMessageRow> insertIfNew(ScheduledMessage message) {
        BoundStatement insert = insertIfNew.bind()
            .setString(ID, message.id())
            .setString(MESSAGE_ID, message.messageId())
            .setInstant(SEND_AT, message.sendAt())
            .setString(ACCOUNT, message.account())
            .setList(RECIPIENTS, message.recipients(), String.class);
        // left unset rather than null when absent: a null would write a tombstone
        return stoppedBy(session.execute(message.batchId()
            .map(batchId -> insert.setString(BATCH_ID, batchId))
            .orElse(insert)));
    }

    /** Moves a pending message to {@code state}; empty when it applied, else the row that stopped it. */
    Optional<ScheduledMessageRow> leavePending(String id, String state) {
        return stoppedBy(session.execute(leavePendingStatement(id, state)));
    }

    /** As {@link #leavePending}, started now, answering whether it applied: transitions started together run in parallel. */
    CompletableFuture<Boolean> leavePendingAsync(String id, String state) {
        return session.executeAsync(leavePendingStatement(id, state)).toCompletableFuture()
            .thenApply(AsyncResultSet::wasApplied);
    }

    private BoundStatement leavePendingStatement(String id, String state) {
        return leavePending.bind().setString(STATE, state).setString(ID, id);
    }

    /** Moves a released message back to pending; whether it applied. */
    boolean backToPending(String id) {
        return session.execute(backToPending.bind().setString(ID, id)).wasApplied();
    }

    /** The message's row, started now: reads started together run in parallel. */
    CompletableFuture<Optional<ScheduledMessageRow>> selectAsync(String id) {
        return session.executeAsync(select.bind().setString(ID, id)).toCompletableFuture()
            .thenApply(read -> Optional.ofNullable(read.one())
                // a state updated after the other columns expired outlives them, alone: the message is gone
                .filter(row -> !row.isNull(SEND_AT))
                .map(ScheduledMessageRow::new));
    }

    // a transaction that did not apply returns the row that stopped it
    private static Optional<ScheduledMessageRow> stoppedBy(ResultSet transaction) {
        return transaction.wasApplied() ? Optional.empty() : Optional.of(new ScheduledMessageRow(transaction.one()));
    }
}
