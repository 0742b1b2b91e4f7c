package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.literal;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/**
 * The statements of table {@code scheduled_hours}, the hours that may hold entries of {@code scheduled_by_hour}, so
 * that finding what is due reads those hours only. Reads run here; writes are handed back as statements for
 * {@link CassandraScheduledMessageRepository} to run alone or in a batch, in the order it chooses. Failures are its
 * to translate.
 */
final class ScheduledHoursDAO {
    // scheduled_hours is small enough for one partition: at most one row per hour of the retention
    private static final int HOURS_PARTITION = 0;

    private static final String SHARD = "shard";
    private static final String HOUR = "hour";
    private static final String WRITE_TIME = "write_time";

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement deleteWrittenBefore;
    private final PreparedStatement selectUntil;
    private final PreparedStatement selectAll;

    /** @param ttlSeconds of every hour listed, that of the messages it lists */
    ScheduledHoursDAO(CqlSession session, int ttlSeconds) {
        this.session = session;
        this.insert = session.prepare(insertInto(CassandraSchema.SCHEDULED_HOURS)
            .value(SHARD, literal(HOURS_PARTITION))
            .value(HOUR, bindMarker(HOUR))
            .usingTtl(ttlSeconds)
            .build());
        this.deleteWrittenBefore = session.prepare(deleteFrom(CassandraSchema.SCHEDULED_HOURS)
            .usingTimestamp(bindMarker(WRITE_TIME))
            .whereColumn(SHARD).isEqualTo(literal(HOURS_PARTITION))
            .whereColumn(HOUR).isEqualTo(bindMarker(HOUR))
            .build());
        this.selectUntil = session.prepare(selectFrom(CassandraSchema.SCHEDULED_HOURS).column(HOUR)
            .whereColumn(SHARD).isEqualTo(literal(HOURS_PARTITION))
            .whereColumn(HOUR).isLessThanOrEqualTo(bindMarker(HOUR))
            .build());
        this.selectAll = session.prepare(selectFrom(CassandraSchema.SCHEDULED_HOURS).column(HOUR)
            .whereColumn(SHARD).isEqualTo(literal(HOURS_PARTITION))
            .build());
    }

    BoundStatement insert(Instant hour) {
        return insert.bind().setInstant(HOUR, hour);
    }

    /**
     * Forgets the hour as it was written up to {@code writeTimeMicros} (a write timestamp, microseconds since the
     * epoch): a later write of the hour stays.
     */
    BoundStatement deleteWrittenBefore(Instant hour, long writeTimeMicros) {
        return deleteWrittenBefore.bind().setLong(WRITE_TIME, writeTimeMicros).setInstant(HOUR, hour);
    }

    /** The hours listed up to {@code hour}, oldest first. */
    List<Instant> selectUntil(Instant hour) {
        return hours(selectUntil.bind().setInstant(HOUR, hour));
    }

    /** Every hour listed, oldest first. */
    List<Instant> selectAll() {
        return hours(selectAll.bind());
    }

    private List<Instant> hours(BoundStatement select) {
        return StreamSupport.stream(session.execute(select).spliterator(), false)
            .map(row -> row.getInstant(HOUR))
            .collect(Collectors.toList());
    }
}
