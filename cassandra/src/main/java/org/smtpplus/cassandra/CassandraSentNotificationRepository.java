package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.smtpplus.cassandra.CassandraFailures.translated;

import java.time.Instant;
import java.util.Optional;

import org.smtpplus.core.notification.SentNotificationRepository;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/**
 * Claims in table {@code sent_notifications}, one row per key, expiring after {@link #RETENTION}. A claim is a
 * lightweight transaction, so that of the nodes claiming a key at once exactly one wins; the table is written by
 * nothing else, so Paxos never races plain writes there.
 */
public class CassandraSentNotificationRepository implements SentNotificationRepository {
    static final int TTL_SECONDS = (int) RETENTION.toSeconds();

    private static final String KEY = "key";
    private static final String CLAIMED_AT = "claimed_at";

    private final CqlSession session;
    private final PreparedStatement insertIfNew;
    private final PreparedStatement select;

    public CassandraSentNotificationRepository(CqlSession session) {
        this.session = session;
        this.insertIfNew = session.prepare(insertInto(CassandraSchema.SENT_NOTIFICATIONS)
            .value(KEY, bindMarker(KEY))
            .value(CLAIMED_AT, bindMarker(CLAIMED_AT))
            .ifNotExists()
            .usingTtl(TTL_SECONDS)
            .build());
        this.select = session.prepare(selectFrom(CassandraSchema.SENT_NOTIFICATIONS).column(CLAIMED_AT)
            .whereColumn(KEY).isEqualTo(bindMarker(KEY))
            .build());
    }

    @Override
    public boolean claim(String key, Instant at) {
        return translated("SentNotificationRepository.claim", () -> session.execute(insertIfNew.bind()
                .setString(KEY, key)
                .setInstant(CLAIMED_AT, at))
            .wasApplied());
    }

    @Override
    public Optional<Instant> claimedAt(String key) {
        return translated("SentNotificationRepository.claimedAt", () ->
            Optional.ofNullable(session.execute(select.bind().setString(KEY, key)).one())
                .map(row -> row.getInstant(CLAIMED_AT)));
    }
}
