package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * The statements of table {@code scheduled_by_hour}, the pending messages partitioned by the hour of their
 * {@code sendAt}, in sending order: one entry, the key alone, per message. An entry is only a candidate;
 * {@link CassandraScheduledMessageRepository} confirms it against the message's row. Reads run here; writes are handed
 * back as statements for the repository to run alone or in a batch, in the order it chooses. Failures are its to
 * translate.
 */
final class ScheduledByHourDAO {
    /** An entry: the message's {@code sendAt} and id, its hour being the partition read. */
    static final class Entry {
        private final Instant sendAt;
        private final String id;

        private Entry(Row row) {
            this.sendAt = row.getInstant(SEND_AT);
            this.id = row.getString(ID);
        }

        Instant sendAt() {
            return sendAt;
        }

        String id() {
            return id;
        }
    }

    private static final String HOUR = "hour";
    private static final String SEND_AT = "send_at";
    private static final String ID = "id";
    private static final String ROW_LIMIT = "row_limit";

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement delete;
    private final PreparedStatement selectDue;
    private final PreparedStatement selectHour;
    private final PreparedStatement count;

    /** @param ttlSeconds of every entry, that of the message it lists */
    ScheduledByHourDAO(CqlSession session, int ttlSeconds) {
        this.session = session;
        this.insert = session.prepare(insertInto(CassandraSchema.SCHEDULED_BY_HOUR)
            .value(HOUR, bindMarker(HOUR))
            .value(SEND_AT, bindMarker(SEND_AT))
            .value(ID, bindMarker(ID))
            .usingTtl(ttlSeconds)
            .build());
        this.delete = session.prepare(deleteFrom(CassandraSchema.SCHEDULED_BY_HOUR)
            .whereColumn(HOUR).isEqualTo(bindMarker(HOUR))
            .whereColumn(SEND_AT).isEqualTo(bindMarker(SEND_AT))
            .whereColumn(ID).isEqualTo(bindMarker(ID))
            .build());
        this.selectDue = session.prepare(selectFrom(CassandraSchema.SCHEDULED_BY_HOUR).columns(SEND_AT, ID)
            .whereColumn(HOUR).isEqualTo(bindMarker(HOUR))
            .whereColumn(SEND_AT).isLessThanOrEqualTo(bindMarker(SEND_AT))
            .limit(bindMarker(ROW_LIMIT))
            .build());
        this.selectHour = session.prepare(selectFrom(CassandraSchema.SCHEDULED_BY_HOUR).columns(SEND_AT, ID)
            .whereColumn(HOUR).isEqualTo(bindMarker(HOUR))
            .build());
        this.count = session.prepare(selectFrom(CassandraSchema.SCHEDULED_BY_HOUR).countAll()
            .whereColumn(HOUR).isEqualTo(bindMarker(HOUR))
            .build());
    }

    BoundStatement insert(Instant hour, Instant sendAt, String id) {
        return entry(insert, hour, sendAt, id);
    }

    BoundStatement delete(Instant hour, Instant sendAt, String id) {
        return entry(delete, hour, sendAt, id);
    }

    /** The first {@code limit} entries of the hour sent at {@code until} or before, in sending order. */
    List<Entry> selectDue(Instant hour, Instant until, int limit) {
        return session.execute(selectDue.bind()
                .setInstant(HOUR, hour)
                .setInstant(SEND_AT, until)
                .setInt(ROW_LIMIT, limit))
            .all().stream()
            .map(Entry::new)
            .collect(Collectors.toList());
    }

    /** The ids of the hour's entries, in sending order. */
    List<String> selectIds(Instant hour) {
        return StreamSupport.stream(session.execute(selectHour.bind().setInstant(HOUR, hour)).spliterator(), false)
            .map(row -> row.getString(ID))
            .collect(Collectors.toList());
    }

    /** How many entries the hour holds, started now: counts started together run in parallel. */
    CompletableFuture<Long> count(Instant hour) {
        return session.executeAsync(count.bind().setInstant(HOUR, hour)).toCompletableFuture()
            .thenApply(counted -> counted.one().getLong(0));
    }

    private static BoundStatement entry(PreparedStatement statement, Instant hour, Instant sendAt, String id) {
        return statement.bind()
            .setInstant(HOUR, hour)
            .setInstant(SEND_AT, sendAt)
            .setString(ID, id);
    }
}
