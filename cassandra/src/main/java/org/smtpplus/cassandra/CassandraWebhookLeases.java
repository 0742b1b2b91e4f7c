package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.update;
import static org.smtpplus.cassandra.CassandraFailures.translated;

import java.time.Duration;

import org.smtpplus.core.webhook.WebhookLeases;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;

/**
 * Leases in table {@code webhook_leases}, one row per webhook held, naming its owner and expiring with the lease (its
 * TTL). Every write is a lightweight transaction, so that of the nodes taking a free lease at once exactly one wins,
 * and a node renews or releases only a lease it still holds; the table is written by nothing else, so Paxos never
 * races plain writes there. A lease lasts whole seconds, the TTL's unit: a duration is rounded up.
 */
public class CassandraWebhookLeases implements WebhookLeases {
    private static final String WEBHOOK = "webhook";
    private static final String OWNER = "owner";
    private static final String TTL = "ttl";
    private static final String HOLDER = "holder";

    private final CqlSession session;
    private final PreparedStatement take;
    private final PreparedStatement renew;
    private final PreparedStatement release;

    public CassandraWebhookLeases(CqlSession session) {
        this.session = session;
        this.take = session.prepare(insertInto(CassandraSchema.WEBHOOK_LEASES)
            .value(WEBHOOK, bindMarker(WEBHOOK))
            .value(OWNER, bindMarker(OWNER))
            .ifNotExists()
            .usingTtl(bindMarker(TTL))
            .build());
        this.renew = session.prepare(update(CassandraSchema.WEBHOOK_LEASES)
            .usingTtl(bindMarker(TTL))
            .setColumn(OWNER, bindMarker(OWNER))
            .whereColumn(WEBHOOK).isEqualTo(bindMarker(WEBHOOK))
            .ifColumn(OWNER).isEqualTo(bindMarker(HOLDER))
            .build());
        this.release = session.prepare(deleteFrom(CassandraSchema.WEBHOOK_LEASES)
            .whereColumn(WEBHOOK).isEqualTo(bindMarker(WEBHOOK))
            .ifColumn(OWNER).isEqualTo(bindMarker(HOLDER))
            .build());
    }

    /**
     * Takes the lease if no one holds it; when the row that stopped the transaction names {@code node}, renews it with
     * a second transaction, which fails if the lease expired or changed hands in between.
     */
    @Override
    public boolean hold(String webhookId, String node, Duration duration) {
        int ttl = ttlSeconds(duration);
        return translated("WebhookLeases.hold", () -> {
            ResultSet taken = session.execute(take.bind()
                .setString(WEBHOOK, webhookId)
                .setString(OWNER, node)
                .setInt(TTL, ttl));
            if (taken.wasApplied()) {
                return true;
            }
            return node.equals(taken.one().getString(OWNER)) && session.execute(renew.bind()
                    .setInt(TTL, ttl)
                    .setString(OWNER, node)
                    .setString(WEBHOOK, webhookId)
                    .setString(HOLDER, node))
                .wasApplied();
        });
    }

    @Override
    public void release(String webhookId, String node) {
        translated("WebhookLeases.release", () -> session.execute(release.bind()
            .setString(WEBHOOK, webhookId)
            .setString(HOLDER, node)));
    }

    private static int ttlSeconds(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, got " + duration);
        }
        return Math.toIntExact(duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0));
    }
}
