package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/**
 * The statements of table {@code scheduled_by_batch}, the messages of a batch: one entry, the key alone, per message.
 * An entry is only a candidate; {@link CassandraScheduledMessageRepository} confirms it against the message's row.
 * Writes are handed back as statements for the repository to run; failures are its to translate.
 */
final class ScheduledByBatchDAO {
    private static final String BATCH_ID = "batch_id";
    private static final String ID = "id";

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;

    /** @param ttlSeconds of every entry, that of the message it lists */
    ScheduledByBatchDAO(CqlSession session, int ttlSeconds) {
        this.session = session;
        this.insert = session.prepare(insertInto(CassandraSchema.SCHEDULED_BY_BATCH)
            .value(BATCH_ID, bindMarker(BATCH_ID))
            .value(ID, bindMarker(ID))
            .usingTtl(ttlSeconds)
            .build());
        this.select = session.prepare(selectFrom(CassandraSchema.SCHEDULED_BY_BATCH).column(ID)
            .whereColumn(BATCH_ID).isEqualTo(bindMarker(BATCH_ID))
            .build());
    }

    BoundStatement insert(String batchId, String id) {
        return insert.bind().setString(BATCH_ID, batchId).setString(ID, id);
    }

    /** The ids of the batch's entries, in id order. */
    List<String> selectIds(String batchId) {
        return StreamSupport.stream(session.execute(select.bind().setString(BATCH_ID, batchId)).spliterator(), false)
            .map(row -> row.getString(ID))
            .collect(Collectors.toList());
    }
}
