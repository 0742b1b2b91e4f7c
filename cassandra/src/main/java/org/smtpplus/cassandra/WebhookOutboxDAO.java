package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * The statements of table {@code webhook_outbox}, the events of each webhook partitioned by hour, in the order of
 * their time-based positions. Rows expire by the table's default TTL and are never updated; a webhook's partitions
 * are deleted whole. Writes are handed back as statements for the outbox to batch; failures are its to translate.
 */
final class WebhookOutboxDAO {
    /** An event and its position, the hour being the partition read. */
    static final class Entry {
        private final UUID position;
        private final String event;

        private Entry(Row row) {
            this.position = row.getUuid(POSITION);
            this.event = row.getString(EVENT);
        }

        UUID position() {
            return position;
        }

        String event() {
            return event;
        }
    }

    private static final String WEBHOOK = "webhook";
    private static final String HOUR = "hour";
    private static final String POSITION = "position";
    private static final String EVENT = "event";
    private static final String AFTER = "after";
    private static final String UNTIL = "until";
    private static final String ROW_LIMIT = "row_limit";

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement count;
    private final PreparedStatement deletePartition;

    WebhookOutboxDAO(CqlSession session) {
        this.session = session;
        this.insert = session.prepare(insertInto(CassandraSchema.WEBHOOK_OUTBOX)
            .value(WEBHOOK, bindMarker(WEBHOOK))
            .value(HOUR, bindMarker(HOUR))
            .value(POSITION, bindMarker(POSITION))
            .value(EVENT, bindMarker(EVENT))
            .build());
        this.select = session.prepare(selectFrom(CassandraSchema.WEBHOOK_OUTBOX).columns(POSITION, EVENT)
            .whereColumn(WEBHOOK).isEqualTo(bindMarker(WEBHOOK))
            .whereColumn(HOUR).isEqualTo(bindMarker(HOUR))
            .whereColumn(POSITION).isGreaterThan(bindMarker(AFTER))
            .whereColumn(POSITION).isLessThanOrEqualTo(bindMarker(UNTIL))
            .limit(bindMarker(ROW_LIMIT))
            .build());
        this.count = session.prepare(selectFrom(CassandraSchema.WEBHOOK_OUTBOX).countAll()
            .whereColumn(WEBHOOK).isEqualTo(bindMarker(WEBHOOK))
            .whereColumn(HOUR).isEqualTo(bindMarker(HOUR))
            .whereColumn(POSITION).isGreaterThan(bindMarker(AFTER))
            .build());
        this.deletePartition = session.prepare(deleteFrom(CassandraSchema.WEBHOOK_OUTBOX)
            .whereColumn(WEBHOOK).isEqualTo(bindMarker(WEBHOOK))
            .whereColumn(HOUR).isEqualTo(bindMarker(HOUR))
            .build());
    }

    BoundStatement insert(String webhook, long hour, UUID position, String event) {
        return insert.bind()
            .setString(WEBHOOK, webhook)
            .setLong(HOUR, hour)
            .setUuid(POSITION, position)
            .setString(EVENT, event);
    }

    /** The first {@code limit} events of the hour after {@code after} and at {@code until} or before, in order. */
    List<Entry> select(String webhook, long hour, UUID after, UUID until, int limit) {
        return session.execute(select.bind()
                .setString(WEBHOOK, webhook)
                .setLong(HOUR, hour)
                .setUuid(AFTER, after)
                .setUuid(UNTIL, until)
                .setInt(ROW_LIMIT, limit))
            .all().stream()
            .map(Entry::new)
            .collect(Collectors.toList());
    }

    /** How many events of the hour come after {@code after}, started now: counts started together run in parallel. */
    CompletableFuture<Long> count(String webhook, long hour, UUID after) {
        return session.executeAsync(count.bind().setString(WEBHOOK, webhook).setLong(HOUR, hour).setUuid(AFTER, after))
            .toCompletableFuture()
            .thenApply(counted -> counted.one().getLong(0));
    }

    /** Deletes the hour's events with one partition tombstone, started now. */
    CompletionStage<AsyncResultSet> deletePartition(String webhook, long hour) {
        return session.executeAsync(deletePartition.bind().setString(WEBHOOK, webhook).setLong(HOUR, hour));
    }
}
