package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.smtpplus.cassandra.CassandraFailures.translated;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.CRC32;

import org.smtpplus.core.address.EmailAddresses;
import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.bounce.BounceQuery;
import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.bounce.BounceRepository;
import org.smtpplus.core.bounce.BounceType;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * Bounces in three tables, every row expiring after {@link #RETENTION_DAYS}: {@code bounces}, one partition per
 * recipient copy, decides whether a bounce is new; {@code bounces_by_day}, partitioned by UTC day and a bucket of the
 * recipient, gives the list newest first; {@code soft_bounces}, one partition per recipient, counts their soft
 * bounces. docs/cassandra-schema.md gives the reasoning.
 */
public class CassandraBounceRepository implements BounceRepository {
    /** Fixed for the life of the data: another count moves every entry to another partition. */
    static final int BUCKETS = 8;
    static final int TTL_SECONDS = (int) Duration.ofDays(RETENTION_DAYS).toSeconds();
    // per bucket: a day is read a page of each bucket at a time, merged
    private static final int PAGE_SIZE = 500;

    private static final String RECIPIENT = "recipient";
    private static final String MESSAGE_ID = "message_id";
    private static final String TYPE = "type";
    private static final String REASON = "reason";
    private static final String STATUS = "status";
    private static final String DIAGNOSTIC = "diagnostic";
    private static final String AT = "at";
    private static final String ACCOUNT = "account";
    private static final String DAY = "day";
    private static final String BUCKET = "bucket";
    private static final List<String> ENTRY_COLUMNS = List.of(RECIPIENT, MESSAGE_ID, TYPE, REASON, STATUS, DIAGNOSTIC, AT, ACCOUNT);

    private static final Comparator<Row> NEWEST_FIRST = Comparator.comparing((Row row) -> row.getInstant(AT)).reversed();

    private final CqlSession session;
    private final Clock clock;
    private final PreparedStatement insertIfNew;
    private final PreparedStatement insertByDay;
    private final PreparedStatement insertSoft;
    private final PreparedStatement selectCopy;
    private final PreparedStatement selectDaySince;
    private final PreparedStatement selectSoftSince;

    public CassandraBounceRepository(CqlSession session) {
        this(session, Clock.systemUTC());
    }

    /**
     * @param clock today's date for {@link #find}, which reads the days from today back
     */
    CassandraBounceRepository(CqlSession session, Clock clock) {
        this.session = session;
        this.clock = clock;
        this.insertIfNew = session.prepare(insertInto(CassandraSchema.BOUNCES)
            .value(RECIPIENT, bindMarker(RECIPIENT))
            .value(MESSAGE_ID, bindMarker(MESSAGE_ID))
            .value(TYPE, bindMarker(TYPE))
            .value(REASON, bindMarker(REASON))
            .value(STATUS, bindMarker(STATUS))
            .value(DIAGNOSTIC, bindMarker(DIAGNOSTIC))
            .value(AT, bindMarker(AT))
            .value(ACCOUNT, bindMarker(ACCOUNT))
            .ifNotExists()
            .usingTtl(TTL_SECONDS)
            .build());
        this.insertByDay = session.prepare(insertInto(CassandraSchema.BOUNCES_BY_DAY)
            .value(DAY, bindMarker(DAY))
            .value(BUCKET, bindMarker(BUCKET))
            .value(AT, bindMarker(AT))
            .value(RECIPIENT, bindMarker(RECIPIENT))
            .value(MESSAGE_ID, bindMarker(MESSAGE_ID))
            .value(TYPE, bindMarker(TYPE))
            .value(REASON, bindMarker(REASON))
            .value(STATUS, bindMarker(STATUS))
            .value(DIAGNOSTIC, bindMarker(DIAGNOSTIC))
            .value(ACCOUNT, bindMarker(ACCOUNT))
            .usingTtl(TTL_SECONDS)
            .build());
        this.insertSoft = session.prepare(insertInto(CassandraSchema.SOFT_BOUNCES)
            .value(RECIPIENT, bindMarker(RECIPIENT))
            .value(AT, bindMarker(AT))
            .value(MESSAGE_ID, bindMarker(MESSAGE_ID))
            .usingTtl(TTL_SECONDS)
            .build());
        // named, not *: a prepared SELECT * of a table that gained a column misreads rows on protocol v4
        // (CASSANDRA-10786)
        this.selectCopy = session.prepare(selectFrom(CassandraSchema.BOUNCES).columns(ENTRY_COLUMNS)
            .whereColumn(RECIPIENT).isEqualTo(bindMarker(RECIPIENT))
            .whereColumn(MESSAGE_ID).isEqualTo(bindMarker(MESSAGE_ID))
            .build());
        this.selectDaySince = session.prepare(selectFrom(CassandraSchema.BOUNCES_BY_DAY).columns(ENTRY_COLUMNS)
            .whereColumn(DAY).isEqualTo(bindMarker(DAY))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .whereColumn(AT).isGreaterThanOrEqualTo(bindMarker(AT))
            .build());
        this.selectSoftSince = session.prepare(selectFrom(CassandraSchema.SOFT_BOUNCES).column(MESSAGE_ID)
            .whereColumn(RECIPIENT).isEqualTo(bindMarker(RECIPIENT))
            .whereColumn(AT).isGreaterThanOrEqualTo(bindMarker(AT))
            .build());
    }

    /** A stable hash: the bucket of a recipient must never change. */
    static int bucket(String recipient) {
        CRC32 crc = new CRC32();
        crc.update(recipient.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % BUCKETS);
    }

    /**
     * A lightweight transaction on {@code bounces} decides whether the copy is new, then one logged batch writes the
     * list entries of the bounce it kept. When the copy had bounced already, the entries of the first bounce are
     * written again: a call that an outage cut short after the transaction left them missing, and a later report of
     * the copy completes them (though it answers false). {@code bounces} is written only by the transaction, so
     * Paxos never races plain writes there.
     */
    @Override
    public boolean record(Bounce bounce) {
        return translated("BounceRepository.record", () -> {
            ResultSet inserted = session.execute(withStatus(insertIfNew.bind()
                .setString(RECIPIENT, bounce.recipient())
                .setString(MESSAGE_ID, bounce.messageId())
                .setString(TYPE, bounce.type().asJson())
                .setString(REASON, bounce.reason().asJson())
                .setString(DIAGNOSTIC, bounce.diagnostic())
                .setInstant(AT, bounce.at())
                .setString(ACCOUNT, bounce.account()), bounce));
            boolean isNew = inserted.wasApplied();
            // a transaction that did not apply returns the row that stopped it
            Bounce kept = isNew ? bounce : toBounce(inserted.one());
            session.execute(listEntries(kept));
            return isNew;
        });
    }

    private BatchStatement listEntries(Bounce bounce) {
        // plain writes of whole values: the driver may retry the batch after a timeout, e.g. of the batch log
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED).setIdempotence(true)
            .addStatement(withStatus(insertByDay.bind()
                .setLocalDate(DAY, day(bounce.at()))
                .setInt(BUCKET, bucket(bounce.recipient()))
                .setInstant(AT, bounce.at())
                .setString(RECIPIENT, bounce.recipient())
                .setString(MESSAGE_ID, bounce.messageId())
                .setString(TYPE, bounce.type().asJson())
                .setString(REASON, bounce.reason().asJson())
                .setString(DIAGNOSTIC, bounce.diagnostic())
                .setString(ACCOUNT, bounce.account()), bounce));
        if (bounce.type() == BounceType.SOFT) {
            batch.addStatement(insertSoft.bind()
                .setString(RECIPIENT, bounce.recipient())
                .setInstant(AT, bounce.at())
                .setString(MESSAGE_ID, bounce.messageId()));
        }
        return batch.build();
    }

    // left unset rather than null when absent: a null would write a tombstone
    private static BoundStatement withStatus(BoundStatement statement, Bounce bounce) {
        return bounce.status().map(status -> statement.setString(STATUS, status)).orElse(statement);
    }

    @Override
    public Optional<Bounce> get(String recipient, String messageId) {
        return translated("BounceRepository.get", () ->
            Optional.ofNullable(session.execute(selectCopy.bind()
                    .setString(RECIPIENT, EmailAddresses.normalise(recipient))
                    .setString(MESSAGE_ID, messageId))
                .one())
                .map(CassandraBounceRepository::toBounce));
    }

    /** Reads the recipient's one partition from {@code since} on. */
    @Override
    public int softBouncedMessagesSince(String recipient, Instant since) {
        return translated("BounceRepository.softBouncedMessagesSince", () ->
            (int) StreamSupport.stream(session.execute(selectSoftSince.bind()
                    .setString(RECIPIENT, EmailAddresses.normalise(recipient))
                    .setInstant(AT, since)).spliterator(), false)
                .map(row -> row.getString(MESSAGE_ID))
                // a message counts once, even if a report long after the first left a second row
                .distinct()
                .count());
    }

    /**
     * Walks the days from tomorrow (another node's clock may run ahead of this one's) back to the day of
     * {@code since}, or to the oldest day kept. Each day reads its buckets in parallel, a page at a time, merged
     * newest first; the next day is read only when the stream gets there. Account, type and reason are filtered here:
     * the days have to be read whatever the filter.
     */
    @Override
    public Stream<Bounce> find(BounceQuery query) {
        Optional<Instant> since = query.since();
        LocalDate today = day(clock.instant());
        LocalDate oldestKept = today.minusDays(RETENTION_DAYS);
        LocalDate oldest = since.map(CassandraBounceRepository::day).filter(oldestKept::isBefore).orElse(oldestKept);
        Instant from = since.orElse(Instant.EPOCH);
        Iterator<Iterator<Row>> days = Stream.iterate(today.plusDays(1), day -> !day.isBefore(oldest), day -> day.minusDays(1))
            .map(day -> newestFirst(day, from))
            .iterator();
        Iterator<Row> rows = new TranslatedIterator<>(new ConcatenatedIterator<>(days), "BounceRepository.find");
        // reads up to the first entry now, so that an outage fails the call, before a route has written anything
        rows.hasNext();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL), false)
            .map(CassandraBounceRepository::toBounce)
            .filter(query::matchesAllButSince);
    }

    private Iterator<Row> newestFirst(LocalDate day, Instant from) {
        List<PagedRows> buckets = IntStream.range(0, BUCKETS)
            .mapToObj(bucket -> new PagedRows(session.executeAsync(selectDaySince.bind()
                .setLocalDate(DAY, day)
                .setInt(BUCKET, bucket)
                .setInstant(AT, from)
                .setPageSize(PAGE_SIZE))))
            .collect(Collectors.toList());
        return new SortedMerge<>(buckets, NEWEST_FIRST);
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static Bounce toBounce(Row row) {
        String reason = row.getString(REASON);
        if (reason == null) {
            String type = row.getString(TYPE);
            return Bounce.recordedWithoutReason(row.getString(RECIPIENT),
                BounceType.fromJson(type).orElseThrow(() -> new IllegalStateException("Unknown bounce type '" + type + "'")),
                Optional.ofNullable(row.getString(STATUS)), row.getString(DIAGNOSTIC), row.getInstant(AT),
                row.getString(ACCOUNT), row.getString(MESSAGE_ID));
        }
        return new Bounce(row.getString(RECIPIENT),
            BounceReason.fromJson(reason).orElseThrow(() -> new IllegalStateException("Unknown bounce reason '" + reason + "'")),
            Optional.ofNullable(row.getString(STATUS)),
            row.getString(DIAGNOSTIC),
            row.getInstant(AT),
            row.getString(ACCOUNT),
            row.getString(MESSAGE_ID));
    }
}
