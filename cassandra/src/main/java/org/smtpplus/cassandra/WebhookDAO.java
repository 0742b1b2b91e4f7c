package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.smtpplus.core.event.EventType;
import org.smtpplus.core.webhook.Webhook;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * The statements of table {@code webhooks}, one row per webhook, and the mapping of its rows: the definition only,
 * its status being in {@code webhook_status} ({@link WebhookStatusDAO}). Plain writes: a PUT gives the whole webhook,
 * so the last one written wins. Failures are the repository's to translate.
 */
final class WebhookDAO {
    private static final String ID = "id";
    private static final String ACCOUNT = "account";
    private static final String URL = "url";
    private static final String EVENTS = "events";
    private static final String SECRET = "secret";

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement selectId;
    private final PreparedStatement selectAll;
    private final PreparedStatement delete;

    WebhookDAO(CqlSession session) {
        this.session = session;
        this.insert = session.prepare(insertInto(CassandraSchema.WEBHOOKS)
            .value(ID, bindMarker(ID))
            .value(ACCOUNT, bindMarker(ACCOUNT))
            .value(URL, bindMarker(URL))
            .value(EVENTS, bindMarker(EVENTS))
            .value(SECRET, bindMarker(SECRET))
            .build());
        this.select = session.prepare(selectFrom(CassandraSchema.WEBHOOKS).all()
            .whereColumn(ID).isEqualTo(bindMarker(ID))
            .build());
        this.selectId = session.prepare(selectFrom(CassandraSchema.WEBHOOKS).column(ID)
            .whereColumn(ID).isEqualTo(bindMarker(ID))
            .build());
        this.selectAll = session.prepare(selectFrom(CassandraSchema.WEBHOOKS).all().build());
        this.delete = session.prepare(deleteFrom(CassandraSchema.WEBHOOKS)
            .whereColumn(ID).isEqualTo(bindMarker(ID))
            .build());
    }

    Optional<Webhook> select(String id) {
        return Optional.ofNullable(session.execute(select.bind().setString(ID, id)).one()).map(WebhookDAO::toWebhook);
    }

    /** In token order: a relay has a few webhooks, read whole. */
    List<Webhook> selectAll() {
        return session.execute(selectAll.bind()).all().stream().map(WebhookDAO::toWebhook).collect(Collectors.toList());
    }

    /** Every column is bound, the absent account as a null: the row is replaced, not merged. */
    void insert(Webhook webhook) {
        session.execute(insert.bind()
            .setString(ID, webhook.id())
            .setString(ACCOUNT, webhook.account().orElse(null))
            .setString(URL, webhook.url().toString())
            .setSet(EVENTS, webhook.events().stream().map(EventType::asJson).collect(Collectors.toSet()), String.class)
            .setString(SECRET, webhook.secret()));
    }

    boolean exists(String id) {
        return session.execute(selectId.bind().setString(ID, id)).one() != null;
    }

    BoundStatement delete(String id) {
        return delete.bind().setString(ID, id);
    }

    private static Webhook toWebhook(Row row) {
        Set<EventType> events = row.getSet(EVENTS, String.class).stream()
            .map(WebhookDAO::eventType)
            .collect(Collectors.toSet());
        return new Webhook(row.getString(ID), Optional.ofNullable(row.getString(ACCOUNT)), URI.create(row.getString(URL)),
            events, row.getString(SECRET));
    }

    // Only EventType.asJson values are written: another one is a corrupt row.
    private static EventType eventType(String event) {
        try {
            return EventType.valueOf(event.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(CassandraSchema.WEBHOOKS + ".events holds an unknown event type: " + event, e);
        }
    }
}
