package org.smtpplus.cassandra;

import static org.smtpplus.cassandra.CassandraFailures.translated;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.cassandra.WebhookCursorDAO.Cursor;
import org.smtpplus.core.webhook.OutboxEntry;
import org.smtpplus.core.webhook.WebhookOutbox;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.uuid.Uuids;

/**
 * Each webhook's events in table {@code webhook_outbox} ({@link WebhookOutboxDAO}), and the last one its receiver
 * accepted in {@code webhook_cursors} ({@link WebhookCursorDAO}). docs/cassandra-schema.md gives the reasoning.
 *
 * <p><b>Positions.</b> An event's position is a time-based UUID drawn when it is appended ({@link Uuids#timeBased()},
 * increasing within this JVM, so a node's appends keep their order), and its partition is the webhook and the hour of
 * that UUID. A partition per hour, rather than one per webhook, keeps every partition to what one hour brings, and
 * reading the head is a slice of the partition of the cursor's hour, then of the hours after it.
 *
 * <p><b>Nothing is deleted.</b> An acknowledgement only moves the cursor; every row expires {@link #RETENTION} after it
 * was written (the table's default TTL), a backstop: the dispatcher drops the events not accepted within 24 hours of
 * their appending. So the table holds at most two days of events, whatever the receivers do.
 *
 * <p><b>The settle delay.</b> Every node appends with positions from its own clock, so an event appended on another
 * node may be written a moment after one with a later position was read and acknowledged: behind the cursor, it would
 * never be delivered. {@link #head} therefore reads only the positions older than the settle delay. This holds only
 * while the nodes' clocks agree within the settle delay, and an append's write ends within it too: so each batch of an
 * append draws its positions just before its write, and a write that took more than half the settle delay is done
 * again with new positions (a duplicate the receiver can tell by the event's id, rather than a loss).
 *
 * <p><b>Empty hours.</b> A webhook without a cursor is read from the oldest hour kept, two days ago, and the hours
 * after the cursor are read one by one: a quiet webhook would cost dozens of reads a second. So this object
 * remembers, per webhook, the first hour it has not found empty after the cursor while closed (its end older than the
 * settle delay: nothing may be appended to it any more), and never reads the hours before it again.
 */
public class CassandraWebhookOutbox implements WebhookOutbox {
    /** How long events are kept: the dispatcher gives a batch up after 24 hours of failures. */
    static final Duration RETENTION = Duration.ofDays(2);
    static final int TTL_SECONDS = (int) RETENTION.toSeconds();
    static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();
    // one unlogged batch writes them to one partition: one mutation on each replica
    private static final int EVENTS_PER_BATCH = 100;
    // the driver refuses requests beyond its per-connection limit: the hours are counted and deleted this many at once
    private static final int CONCURRENT_REQUESTS = 16;
    // a write slow twice in a row is a store in trouble: the third is kept whatever it took
    private static final int SLOW_WRITE_ATTEMPTS = 3;
    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraWebhookOutbox.class);

    private final CqlSession session;
    private final WebhookOutboxDAO events;
    private final WebhookCursorDAO cursors;
    private final Clock clock;
    private final Duration settle;
    private final Map<String, Long> firstHourToRead = new ConcurrentHashMap<>();

    /**
     * @param settle how old a position must be to be read: more than the nodes' clocks may disagree, plus a write
     *               (2 seconds in production)
     */
    public CassandraWebhookOutbox(CqlSession session, Clock clock, Duration settle) {
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle must not be negative, got " + settle);
        }
        this.session = session;
        this.events = new WebhookOutboxDAO(session);
        this.cursors = new WebhookCursorDAO(session);
        this.clock = clock;
        this.settle = settle;
    }

    /** Writes the events {@value #EVENTS_PER_BATCH} at a time, each batch after the previous one is written. */
    @Override
    public void append(String webhookId, List<String> events) {
        translated("WebhookOutbox.append", () -> {
            for (int from = 0; from < events.size(); from += EVENTS_PER_BATCH) {
                write(webhookId, events.subList(from, Math.min(from + EVENTS_PER_BATCH, events.size())));
            }
            return null;
        });
    }

    /**
     * One unlogged batch per hour, nearly always one: the positions are drawn now, so that the write follows them
     * closely. A write that took more than half the settle delay may have landed behind positions already read and
     * acknowledged (another node's): it is written again with new positions, so that the events are delivered,
     * perhaps twice (with the same {@code id}), rather than never.
     */
    private void write(String webhookId, List<String> batch) {
        for (int attempt = 1; ; attempt++) {
            long drawn = System.nanoTime();
            writeOnce(webhookId, batch);
            Duration took = Duration.ofNanos(System.nanoTime() - drawn);
            if (settle.isZero() || took.compareTo(settle.dividedBy(2)) <= 0) {
                return;
            }
            if (attempt == SLOW_WRITE_ATTEMPTS) {
                LOGGER.error("{} events of webhook {} took {} ms to write, {} times in a row: kept as written, they may be "
                    + "passed over if another node's later events were delivered meanwhile", batch.size(), webhookId,
                    took.toMillis(), SLOW_WRITE_ATTEMPTS);
                return;
            }
            LOGGER.warn("{} events of webhook {} took {} ms to write, more than half the settle delay of {} ms: written "
                + "again, so that none is passed over", batch.size(), webhookId, took.toMillis(), settle.toMillis());
        }
    }

    private void writeOnce(String webhookId, List<String> batch) {
        BatchStatementBuilder partition = BatchStatement.builder(DefaultBatchType.UNLOGGED).setIdempotence(true);
        long partitionHour = 0;
        for (String event : batch) {
            UUID position = Uuids.timeBased();
            long hour = hourOf(position);
            if (hour != partitionHour && partition.getStatementsCount() > 0) {
                session.execute(partition.build());
                partition = BatchStatement.builder(DefaultBatchType.UNLOGGED).setIdempotence(true);
            }
            partitionHour = hour;
            partition.addStatement(events.insert(webhookId, hour, position, event));
        }
        session.execute(partition.build());
    }

    @Override
    public List<OutboxEntry> head(String webhookId, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        return translated("WebhookOutbox.head", () -> {
            long now = clock.millis();
            long settled = now - settle.toMillis();
            UUID until = Uuids.endOf(settled);
            Optional<Cursor> cursor = cursors.select(webhookId);
            long lastHour = settled / HOUR_MILLIS;
            List<OutboxEntry> head = new ArrayList<>();
            boolean emptySoFar = true;
            for (long hour = firstHour(webhookId, cursor, now); hour <= lastHour && head.size() < max; hour++) {
                List<WebhookOutboxDAO.Entry> read =
                    events.select(webhookId, hour, after(cursor, hour), until, max - head.size());
                emptySoFar = emptySoFar && read.isEmpty();
                if (emptySoFar && (hour + 1) * HOUR_MILLIS <= settled) {
                    firstHourToRead.merge(webhookId, hour + 1, Math::max);
                }
                read.forEach(entry -> head.add(new OutboxEntry(entry.position().toString(), entry.event(),
                    Instant.ofEpochMilli(Uuids.unixTimestamp(entry.position())))));
            }
            return head;
        });
    }

    /** Moves the cursor: the events up to the position stay until they expire, behind it. */
    @Override
    public void acknowledge(String webhookId, String position) {
        UUID acknowledged = parsed(position);
        translated("WebhookOutbox.acknowledge", () -> {
            cursors.insert(webhookId, hourOf(acknowledged), acknowledged);
            return null;
        });
    }

    /** Counts the events after the cursor up to now, one hour a request: the hours are counted in parallel. */
    @Override
    public long backlog(String webhookId) {
        return translated("WebhookOutbox.backlog", () -> {
            long now = clock.millis();
            Optional<Cursor> cursor = cursors.select(webhookId);
            List<Long> hours = LongStream.rangeClosed(firstHour(webhookId, cursor, now), now / HOUR_MILLIS)
                .boxed()
                .collect(Collectors.toList());
            return ParallelRequests.inOrder(hours, CONCURRENT_REQUESTS,
                    hour -> events.count(webhookId, hour, after(cursor, hour)))
                .stream()
                .mapToLong(Long::longValue)
                .sum();
        });
    }

    /**
     * Deletes the partitions of every hour that may hold events, and the next one (a node whose clock is a little
     * ahead may have written there), then the cursor: a webhook created again with the same id starts empty.
     */
    @Override
    public void clear(String webhookId) {
        translated("WebhookOutbox.clear", () -> {
            long now = clock.millis();
            List<Long> hours = LongStream.rangeClosed(oldestHourKept(now), now / HOUR_MILLIS + 1)
                .boxed()
                .collect(Collectors.toList());
            ParallelRequests.inOrder(hours, CONCURRENT_REQUESTS, hour -> events.deletePartition(webhookId, hour));
            cursors.delete(webhookId);
            firstHourToRead.remove(webhookId);
            return null;
        });
    }

    // The cursor's hour, unless its events have expired, or this object found the hours up to a later one empty.
    private long firstHour(String webhookId, Optional<Cursor> cursor, long now) {
        long oldest = oldestHourKept(now);
        long known = firstHourToRead.getOrDefault(webhookId, oldest);
        return Math.max(Math.max(oldest, known), cursor.map(Cursor::hour).orElse(oldest));
    }

    private static long oldestHourKept(long now) {
        return (now - RETENTION.toMillis()) / HOUR_MILLIS;
    }

    // In the cursor's hour, its position; in any other, a position before every one of the hour.
    private static UUID after(Optional<Cursor> cursor, long hour) {
        return cursor.filter(read -> read.hour() == hour)
            .map(Cursor::position)
            .orElseGet(() -> Uuids.endOf(hour * HOUR_MILLIS - 1));
    }

    private static long hourOf(UUID position) {
        return Uuids.unixTimestamp(position) / HOUR_MILLIS;
    }

    private static UUID parsed(String position) {
        String refusal = "position must be one of head's, a time-based UUID, got " + position;
        UUID uuid;
        try {
            uuid = UUID.fromString(position);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(refusal, e);
        }
        if (uuid.version() != 1) {
            throw new IllegalArgumentException(refusal);
        }
        return uuid;
    }
}
