package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;

import java.util.Optional;
import java.util.UUID;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * The statements of table {@code webhook_cursors}, one row per webhook: the position of its last acknowledged event
 * in {@code webhook_outbox}, and the hour of the partition holding it. Plain writes, by the one node holding the
 * webhook's lease. Failures are the outbox's to translate.
 */
final class WebhookCursorDAO {
    /** The last acknowledged event: its hour and its position there. */
    static final class Cursor {
        private final long hour;
        private final UUID position;

        private Cursor(Row row) {
            this.hour = row.getLong(HOUR);
            this.position = row.getUuid(POSITION);
        }

        long hour() {
            return hour;
        }

        UUID position() {
            return position;
        }
    }

    private static final String WEBHOOK = "webhook";
    private static final String HOUR = "hour";
    private static final String POSITION = "position";

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement delete;

    WebhookCursorDAO(CqlSession session) {
        this.session = session;
        this.insert = session.prepare(insertInto(CassandraSchema.WEBHOOK_CURSORS)
            .value(WEBHOOK, bindMarker(WEBHOOK))
            .value(HOUR, bindMarker(HOUR))
            .value(POSITION, bindMarker(POSITION))
            .build());
        this.select = session.prepare(selectFrom(CassandraSchema.WEBHOOK_CURSORS).columns(HOUR, POSITION)
            .whereColumn(WEBHOOK).isEqualTo(bindMarker(WEBHOOK))
            .build());
        this.delete = session.prepare(deleteFrom(CassandraSchema.WEBHOOK_CURSORS)
            .whereColumn(WEBHOOK).isEqualTo(bindMarker(WEBHOOK))
            .build());
    }

    Optional<Cursor> select(String webhook) {
        return Optional.ofNullable(session.execute(select.bind().setString(WEBHOOK, webhook)).one()).map(Cursor::new);
    }

    void insert(String webhook, long hour, UUID position) {
        session.execute(insert.bind().setString(WEBHOOK, webhook).setLong(HOUR, hour).setUuid(POSITION, position));
    }

    void delete(String webhook) {
        session.execute(delete.bind().setString(WEBHOOK, webhook));
    }
}
