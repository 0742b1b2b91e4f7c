package org.smtpplus.cassandra;

import java.time.Duration;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;

/**
 * The keyspace, types and tables of the store, created when missing: docs/cassandra-schema.md explains each of them.
 * A column a later version added is added to a table created before it ({@link #ADDED_COLUMNS}); nothing is ever
 * dropped or changed. Creating them again is harmless, so every node of the relay does it at start.
 */
final class CassandraSchema {
    static final String ACCOUNTS = "accounts";
    static final String PLAN_TYPE = "plan";
    static final String TEMPLATE_TYPE = "template";
    static final String SUBSCRIBERS = "subscribers";
    static final String SUBSCRIBERS_BY_STATUS = "subscribers_by_status";
    static final String SUPPRESSIONS = "suppressions";
    static final String USAGE_COUNTERS = "usage_counters";
    static final String BOUNCES = "bounces";
    static final String BOUNCES_BY_DAY = "bounces_by_day";
    static final String SOFT_BOUNCES = "soft_bounces";
    static final String SENT_NOTIFICATIONS = "sent_notifications";
    static final String SCHEDULED_MESSAGES = "scheduled_messages";
    static final String SCHEDULED_BY_HOUR = "scheduled_by_hour";
    static final String SCHEDULED_HOURS = "scheduled_hours";
    static final String SCHEDULED_BY_BATCH = "scheduled_by_batch";
    static final String PARKED_MAILS = "parked_mails";
    static final String PARKED_MAIL_CHUNKS = "parked_mail_chunks";
    static final String DKIM_KEY_TYPE = "dkim_key";
    static final String DOMAIN_STATUS_TYPE = "domain_status";
    static final String SENDING_DOMAINS = "sending_domains";
    static final String IP_POOLS = "ip_pools";
    static final String PACING_RULES = "pacing_rules";
    static final String PACE_COUNTERS = "pace_counters";
    static final String WEBHOOKS = "webhooks";
    static final String WEBHOOK_STATUS = "webhook_status";
    static final String WEBHOOK_OUTBOX = "webhook_outbox";
    static final String WEBHOOK_CURSORS = "webhook_cursors";
    static final String WEBHOOK_LEASES = "webhook_leases";

    // A schema change waits for the change to reach every node: far slower than a request.
    private static final Duration SCHEMA_CHANGE_TIMEOUT = Duration.ofSeconds(30);

    private static final List<String> TYPES_AND_TABLES = List.of(
        "CREATE TYPE IF NOT EXISTS " + PLAN_TYPE + " (messages_per_month bigint, megabytes_per_month bigint)",
        "CREATE TYPE IF NOT EXISTS " + TEMPLATE_TYPE + " (plain_text text, html text)",
        "CREATE TABLE IF NOT EXISTS " + ACCOUNTS + " ("
            + "name text PRIMARY KEY, "
            + "password_hash text, "
            + "authorized_domains list<text>, "
            + "authorized_senders list<text>, "
            + "plan frozen<" + PLAN_TYPE + ">, "
            + "overage text, "
            + "notify list<text>, "
            + "default_list text, "
            + "default_custom_id text, "
            + "max_recipients int, "
            + "max_message_kb int, "
            + "passthrough_headers list<text>, "
            + "header frozen<" + TEMPLATE_TYPE + ">, "
            + "footer frozen<" + TEMPLATE_TYPE + ">, "
            + "ip_pool text, "
            + "track_opens boolean, "
            + "track_clicks boolean)",
        "CREATE TABLE IF NOT EXISTS " + SUBSCRIBERS + " ("
            + "list text, bucket int, address text, "
            + "status text, fields map<text, text>, first_seen timestamp, last_sent timestamp, "
            + "PRIMARY KEY ((list, bucket), address))",
        "CREATE TABLE IF NOT EXISTS " + SUBSCRIBERS_BY_STATUS + " ("
            + "list text, status text, bucket int, address text, "
            + "PRIMARY KEY ((list, status, bucket), address))",
        "CREATE TABLE IF NOT EXISTS " + SUPPRESSIONS + " ("
            + "address text, list text, reason text, at timestamp, "
            + "PRIMARY KEY ((address), list))",
        "CREATE TABLE IF NOT EXISTS " + USAGE_COUNTERS + " ("
            + "account text, month text, messages counter, bytes counter, changes counter, "
            + "PRIMARY KEY ((account), month))",
        "CREATE TABLE IF NOT EXISTS " + BOUNCES + " ("
            + "recipient text, message_id text, "
            + "type text, reason text, status text, diagnostic text, at timestamp, account text, "
            + "PRIMARY KEY ((recipient, message_id)))",
        // every row expires after the same time, so whole weekly SSTables are dropped instead of compacted
        "CREATE TABLE IF NOT EXISTS " + BOUNCES_BY_DAY + " ("
            + "day date, bucket int, at timestamp, recipient text, message_id text, "
            + "type text, reason text, status text, diagnostic text, account text, "
            + "PRIMARY KEY ((day, bucket), at, recipient, message_id)) "
            + "WITH CLUSTERING ORDER BY (at DESC, recipient ASC, message_id ASC) "
            + "AND compaction = {'class': 'TimeWindowCompactionStrategy', "
            + "'compaction_window_unit': 'DAYS', 'compaction_window_size': 7}",
        "CREATE TABLE IF NOT EXISTS " + SOFT_BOUNCES + " ("
            + "recipient text, at timestamp, message_id text, "
            + "PRIMARY KEY ((recipient), at, message_id))",
        "CREATE TABLE IF NOT EXISTS " + SENT_NOTIFICATIONS + " (key text PRIMARY KEY, claimed_at timestamp)",
        "CREATE TABLE IF NOT EXISTS " + SCHEDULED_MESSAGES + " ("
            + "id text PRIMARY KEY, "
            + "message_id text, batch_id text, send_at timestamp, account text, recipients frozen<list<text>>, state text)",
        "CREATE TABLE IF NOT EXISTS " + SCHEDULED_BY_HOUR + " ("
            + "hour timestamp, send_at timestamp, id text, "
            + "PRIMARY KEY ((hour), send_at, id))",
        "CREATE TABLE IF NOT EXISTS " + SCHEDULED_HOURS + " ("
            + "shard int, hour timestamp, "
            + "PRIMARY KEY ((shard), hour))",
        "CREATE TABLE IF NOT EXISTS " + SCHEDULED_BY_BATCH + " ("
            + "batch_id text, id text, "
            + "PRIMARY KEY ((batch_id), id))",
        "CREATE TABLE IF NOT EXISTS " + PARKED_MAILS + " ("
            + "key text PRIMARY KEY, "
            + "name text, sender text, recipients frozen<list<text>>, attributes frozen<map<text, text>>, "
            + "size bigint, chunks int, generation uuid)",
        "CREATE TABLE IF NOT EXISTS " + PARKED_MAIL_CHUNKS + " ("
            + "key text, generation uuid, chunk_index int, data blob, "
            + "PRIMARY KEY ((key, generation), chunk_index))",
        "CREATE TYPE IF NOT EXISTS " + DKIM_KEY_TYPE + " (selector text, public_key blob, private_key blob, created_at timestamp)",
        "CREATE TYPE IF NOT EXISTS " + DOMAIN_STATUS_TYPE + " ("
            + "dkim text, next_dkim text, return_path text, spf text, dmarc text, checked_at timestamp)",
        "CREATE TABLE IF NOT EXISTS " + SENDING_DOMAINS + " ("
            + "domain text PRIMARY KEY, "
            + "account text, "
            + "return_path text, "
            + "dkim frozen<" + DKIM_KEY_TYPE + ">, "
            + "next_dkim frozen<" + DKIM_KEY_TYPE + ">, "
            + "status frozen<" + DOMAIN_STATUS_TYPE + ">)",
        "CREATE TABLE IF NOT EXISTS " + IP_POOLS + " (name text PRIMARY KEY, addresses list<text>, helo_name text)",
        "CREATE TABLE IF NOT EXISTS " + PACING_RULES + " (destination text PRIMARY KEY, per_minute int, connections int)",
        "CREATE TABLE IF NOT EXISTS " + PACE_COUNTERS + " ("
            + "destination text, minute bigint, slots counter, "
            + "PRIMARY KEY ((destination, minute)))",
        "CREATE TABLE IF NOT EXISTS " + WEBHOOKS + " (id text PRIMARY KEY, account text, url text, events set<text>, secret text)",
        "CREATE TABLE IF NOT EXISTS " + WEBHOOK_STATUS + " ("
            + "id text PRIMARY KEY, "
            + "last_success_at timestamp, last_failure_at timestamp, last_failure_error text, failing_since timestamp, "
            + "dropped bigint)",
        // every row expires after the same time, so whole SSTables of a 2-hour window are dropped instead of compacted
        "CREATE TABLE IF NOT EXISTS " + WEBHOOK_OUTBOX + " ("
            + "webhook text, hour bigint, position timeuuid, event text, "
            + "PRIMARY KEY ((webhook, hour), position)) "
            + "WITH default_time_to_live = " + CassandraWebhookOutbox.TTL_SECONDS + " "
            + "AND compaction = {'class': 'TimeWindowCompactionStrategy', "
            + "'compaction_window_unit': 'HOURS', 'compaction_window_size': 2}",
        "CREATE TABLE IF NOT EXISTS " + WEBHOOK_CURSORS + " (webhook text PRIMARY KEY, hour bigint, position timeuuid)",
        "CREATE TABLE IF NOT EXISTS " + WEBHOOK_LEASES + " (webhook text PRIMARY KEY, owner text)");

    // table, column, CQL type: the columns added since the table was first released
    private static final List<List<String>> ADDED_COLUMNS = List.of(
        List.of(BOUNCES, "reason", "text"),
        List.of(BOUNCES_BY_DAY, "reason", "text"),
        List.of(ACCOUNTS, "ip_pool", "text"),
        List.of(ACCOUNTS, "track_opens", "boolean"),
        List.of(ACCOUNTS, "track_clicks", "boolean"));

    /** Creates the keyspace when missing; an existing one keeps its replication, which is the operator's to change. */
    static void createKeyspace(CqlSession session, CassandraStoreConfiguration configuration) {
        execute(session, "CREATE KEYSPACE IF NOT EXISTS " + configuration.keyspace()
            + " WITH replication = " + configuration.replication());
    }

    /** Creates the missing types and tables in the keyspace of {@code session}. */
    static void createTables(CqlSession session) {
        TYPES_AND_TABLES.forEach(statement -> execute(session, statement));
        for (List<String> added : ADDED_COLUMNS) {
            if (!hasColumn(session, added.get(0), added.get(1))) {
                addColumn(session, added.get(0), added.get(1), added.get(2));
            }
        }
    }

    private static boolean hasColumn(CqlSession session, String table, String column) {
        return session.getKeyspace()
            .flatMap(keyspace -> session.getMetadata().getKeyspace(keyspace))
            .flatMap(keyspace -> keyspace.getTable(table))
            .flatMap(metadata -> metadata.getColumn(column))
            .isPresent();
    }

    // Two nodes starting together may both find the column missing: the second ALTER is refused, and the column is
    // there all the same, once this node's metadata, refreshed after a delay on schema events, is read again.
    private static void addColumn(CqlSession session, String table, String column, String type) {
        try {
            execute(session, "ALTER TABLE " + table + " ADD " + column + " " + type);
        } catch (InvalidQueryException e) {
            session.refreshSchema();
            if (!hasColumn(session, table, column)) {
                throw e;
            }
        }
    }

    private static void execute(CqlSession session, String statement) {
        session.execute(SimpleStatement.newInstance(statement).setTimeout(SCHEMA_CHANGE_TIMEOUT));
    }

    private CassandraSchema() {
    }
}
