package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;

import java.time.Instant;
import java.util.Optional;

import org.smtpplus.core.webhook.WebhookStatus;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * The statements of table {@code webhook_status}, one row per webhook that has been delivered to, and the mapping of
 * its rows. Apart from {@code webhooks} ({@link WebhookDAO}) so that a PUT of the webhook, which rewrites its
 * definition, and the dispatcher, which rewrites its status, never write the same row. Failures are the repository's
 * to translate.
 */
final class WebhookStatusDAO {
    private static final String ID = "id";
    private static final String LAST_SUCCESS_AT = "last_success_at";
    private static final String LAST_FAILURE_AT = "last_failure_at";
    private static final String LAST_FAILURE_ERROR = "last_failure_error";
    private static final String FAILING_SINCE = "failing_since";
    private static final String DROPPED = "dropped";

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement delete;

    WebhookStatusDAO(CqlSession session) {
        this.session = session;
        this.insert = session.prepare(insertInto(CassandraSchema.WEBHOOK_STATUS)
            .value(ID, bindMarker(ID))
            .value(LAST_SUCCESS_AT, bindMarker(LAST_SUCCESS_AT))
            .value(LAST_FAILURE_AT, bindMarker(LAST_FAILURE_AT))
            .value(LAST_FAILURE_ERROR, bindMarker(LAST_FAILURE_ERROR))
            .value(FAILING_SINCE, bindMarker(FAILING_SINCE))
            .value(DROPPED, bindMarker(DROPPED))
            .build());
        this.select = session.prepare(selectFrom(CassandraSchema.WEBHOOK_STATUS).all()
            .whereColumn(ID).isEqualTo(bindMarker(ID))
            .build());
        this.delete = session.prepare(deleteFrom(CassandraSchema.WEBHOOK_STATUS)
            .whereColumn(ID).isEqualTo(bindMarker(ID))
            .build());
    }

    Optional<WebhookStatus> select(String id) {
        return Optional.ofNullable(session.execute(select.bind().setString(ID, id)).one()).map(WebhookStatusDAO::toStatus);
    }

    /** Every column is bound, an absent instant or failure as nulls: the row is replaced, not merged. */
    void insert(String id, WebhookStatus status) {
        session.execute(insert.bind()
            .setString(ID, id)
            .setInstant(LAST_SUCCESS_AT, status.lastSuccessAt().orElse(null))
            .setInstant(LAST_FAILURE_AT, status.lastFailure().map(WebhookStatus.Failure::at).orElse(null))
            .setString(LAST_FAILURE_ERROR, status.lastFailure().map(WebhookStatus.Failure::error).orElse(null))
            .setInstant(FAILING_SINCE, status.failingSince().orElse(null))
            .setLong(DROPPED, status.dropped()));
    }

    BoundStatement delete(String id) {
        return delete.bind().setString(ID, id);
    }

    private static WebhookStatus toStatus(Row row) {
        Optional<Instant> failedAt = Optional.ofNullable(row.getInstant(LAST_FAILURE_AT));
        return new WebhookStatus(
            Optional.ofNullable(row.getInstant(LAST_SUCCESS_AT)),
            failedAt.map(at -> new WebhookStatus.Failure(at, row.getString(LAST_FAILURE_ERROR))),
            Optional.ofNullable(row.getInstant(FAILING_SINCE)),
            row.getLong(DROPPED));
    }
}
