package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.literal;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.update;
import static org.smtpplus.cassandra.CassandraFailures.translated;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import java.util.zip.CRC32;

import org.smtpplus.core.subscriber.Subscriber;
import org.smtpplus.core.subscriber.SubscriberPage;
import org.smtpplus.core.subscriber.SubscriberRepository;
import org.smtpplus.core.subscriber.SubscriberStatus;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * Subscribers in table {@code subscribers}, partitioned by list and a bucket of the address so that no partition
 * grows with the list, and indexed by status in {@code subscribers_by_status}. docs/cassandra-schema.md gives the
 * reasoning.
 */
public class CassandraSubscriberRepository implements SubscriberRepository {
    /** Fixed for the life of the data: another count moves every address to another partition. */
    static final int BUCKETS = 32;
    // per bucket and page: a page of n subscribers takes about n / BUCKETS rows from each bucket
    private static final int MIN_BUCKET_PAGE_SIZE = 4;

    private static final String LIST = "list";
    private static final String BUCKET = "bucket";
    private static final String ADDRESS = "address";
    private static final String STATUS = "status";
    private static final String FIELDS = "fields";
    private static final String FIRST_SEEN = "first_seen";
    private static final String LAST_SENT = "last_sent";

    private final CqlSession session;
    private final PreparedStatement select;
    private final PreparedStatement selectAfter;
    private final PreparedStatement insert;
    private final PreparedStatement insertIfNew;
    private final PreparedStatement updateLastSent;
    private final PreparedStatement deleteRow;
    private final PreparedStatement selectIndexAfter;
    private final PreparedStatement insertIndex;
    private final PreparedStatement deleteIndex;

    public CassandraSubscriberRepository(CqlSession session) {
        this.session = session;
        this.select = session.prepare(selectFrom(CassandraSchema.SUBSCRIBERS).all()
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .whereColumn(ADDRESS).isEqualTo(bindMarker(ADDRESS))
            .build());
        this.selectAfter = session.prepare(selectFrom(CassandraSchema.SUBSCRIBERS).all()
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .whereColumn(ADDRESS).isGreaterThan(bindMarker(ADDRESS))
            .build());
        this.insert = session.prepare(insertInto(CassandraSchema.SUBSCRIBERS)
            .value(LIST, bindMarker(LIST))
            .value(BUCKET, bindMarker(BUCKET))
            .value(ADDRESS, bindMarker(ADDRESS))
            .value(STATUS, bindMarker(STATUS))
            .value(FIELDS, bindMarker(FIELDS))
            .value(FIRST_SEEN, bindMarker(FIRST_SEEN))
            .value(LAST_SENT, bindMarker(LAST_SENT))
            .build());
        // "first_seen = null" also holds for a missing row, and for the rest a registerSent racing a delete leaves
        this.insertIfNew = session.prepare(update(CassandraSchema.SUBSCRIBERS)
            .setColumn(STATUS, bindMarker(STATUS))
            .setColumn(FIRST_SEEN, bindMarker(FIRST_SEEN))
            .setColumn(LAST_SENT, bindMarker(LAST_SENT))
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .whereColumn(ADDRESS).isEqualTo(bindMarker(ADDRESS))
            .ifColumn(FIRST_SEEN).isEqualTo(literal(null))
            .build());
        this.updateLastSent = session.prepare(update(CassandraSchema.SUBSCRIBERS)
            .setColumn(LAST_SENT, bindMarker(LAST_SENT))
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .whereColumn(ADDRESS).isEqualTo(bindMarker(ADDRESS))
            .build());
        this.deleteRow = session.prepare(deleteFrom(CassandraSchema.SUBSCRIBERS)
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .whereColumn(ADDRESS).isEqualTo(bindMarker(ADDRESS))
            .build());
        this.selectIndexAfter = session.prepare(selectFrom(CassandraSchema.SUBSCRIBERS_BY_STATUS).column(ADDRESS)
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .whereColumn(STATUS).isEqualTo(bindMarker(STATUS))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .whereColumn(ADDRESS).isGreaterThan(bindMarker(ADDRESS))
            .build());
        this.insertIndex = session.prepare(insertInto(CassandraSchema.SUBSCRIBERS_BY_STATUS)
            .value(LIST, bindMarker(LIST))
            .value(STATUS, bindMarker(STATUS))
            .value(BUCKET, bindMarker(BUCKET))
            .value(ADDRESS, bindMarker(ADDRESS))
            .build());
        this.deleteIndex = session.prepare(deleteFrom(CassandraSchema.SUBSCRIBERS_BY_STATUS)
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .whereColumn(STATUS).isEqualTo(bindMarker(STATUS))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .whereColumn(ADDRESS).isEqualTo(bindMarker(ADDRESS))
            .build());
    }

    /** A stable hash: the bucket of an address must never change. */
    static int bucket(String address) {
        CRC32 crc = new CRC32();
        crc.update(address.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % BUCKETS);
    }

    @Override
    public Optional<Subscriber> get(String list, String address) {
        String key = normalized(address);
        return translated("SubscriberRepository.get", () -> read(list, key).flatMap(CassandraSubscriberRepository::toSubscriber));
    }

    /**
     * Writes the row and its index entry in one logged batch. The index entry of the previous status is deleted; one
     * left behind by concurrent saves is skipped when paging, which checks each entry against the row.
     */
    @Override
    public void save(Subscriber subscriber) {
        String list = subscriber.list();
        String address = subscriber.address();
        int bucket = bucket(address);
        translated("SubscriberRepository.save", () -> {
            Optional<SubscriberStatus> previous = read(list, address).flatMap(CassandraSubscriberRepository::status);
            BatchStatementBuilder batch = idempotentBatch()
                .addStatement(insert.bind()
                    .setString(LIST, list)
                    .setInt(BUCKET, bucket)
                    .setString(ADDRESS, address)
                    .setString(STATUS, subscriber.status().asJson())
                    .setMap(FIELDS, subscriber.fields(), String.class, String.class)
                    .setInstant(FIRST_SEEN, subscriber.firstSeen())
                    .setInstant(LAST_SENT, subscriber.lastSent().orElse(null)))
                .addStatement(indexEntry(insertIndex, list, subscriber.status(), bucket, address));
            previous.filter(status -> status != subscriber.status())
                .ifPresent(status -> batch.addStatement(indexEntry(deleteIndex, list, status, bucket, address)));
            return session.execute(batch.build());
        });
    }

    /**
     * The usual case, a known subscriber, costs a read and a write. A new one is created by a lightweight
     * transaction, so that a concurrent save (say an unsubscribe) is never overwritten with {@code active}. Its
     * index entry is written first: a failure in between leaves an entry that paging skips, never a missing one.
     */
    @Override
    public void registerSent(String list, String address, Instant at) {
        String key = normalized(address);
        int bucket = bucket(key);
        translated("SubscriberRepository.registerSent", () -> {
            boolean known = read(list, key).flatMap(CassandraSubscriberRepository::toSubscriber).isPresent();
            if (!known) {
                session.execute(indexEntry(insertIndex, list, SubscriberStatus.ACTIVE, bucket, key));
                boolean created = session.execute(insertIfNew.bind()
                    .setString(STATUS, SubscriberStatus.ACTIVE.asJson())
                    .setInstant(FIRST_SEEN, at)
                    .setInstant(LAST_SENT, at)
                    .setString(LIST, list)
                    .setInt(BUCKET, bucket)
                    .setString(ADDRESS, key))
                    .wasApplied();
                if (created) {
                    return null;
                }
            }
            return session.execute(updateLastSent.bind()
                .setInstant(LAST_SENT, at)
                .setString(LIST, list)
                .setInt(BUCKET, bucket)
                .setString(ADDRESS, key));
        });
    }

    @Override
    public boolean delete(String list, String address) {
        String key = normalized(address);
        int bucket = bucket(key);
        return translated("SubscriberRepository.delete", () -> {
            Optional<Row> row = read(list, key);
            if (row.isEmpty()) {
                return false;
            }
            BatchStatementBuilder batch = idempotentBatch()
                .addStatement(deleteRow.bind().setString(LIST, list).setInt(BUCKET, bucket).setString(ADDRESS, key));
            status(row.get()).ifPresent(status -> batch.addStatement(indexEntry(deleteIndex, list, status, bucket, key)));
            session.execute(batch.build());
            return toSubscriber(row.get()).isPresent();
        });
    }

    /**
     * Pages run in address order across the list: each bucket is read in address order from the cursor on, all
     * buckets in parallel, and merged. With a status, the index gives the candidates and the rows confirm them.
     */
    @Override
    public SubscriberPage page(String list, Optional<SubscriberStatus> status, int limit, Optional<String> cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        String after = cursor.map(SubscriberCursor::decode).orElse("");
        return translated("SubscriberRepository.page", () -> {
            // one more than asked: whether it exists decides whether there is a next page
            List<Subscriber> found = status
                .map(wanted -> withStatus(list, wanted, after, limit + 1))
                .orElseGet(() -> all(list, after, limit + 1));
            if (found.size() > limit) {
                return new SubscriberPage(found.subList(0, limit), Optional.of(SubscriberCursor.encode(found.get(limit - 1).address())));
            }
            return new SubscriberPage(found, Optional.empty());
        });
    }

    private List<Subscriber> all(String list, String after, int count) {
        Iterator<Row> rows = inAddressOrder(bucket -> selectAfter.bind()
            .setString(LIST, list)
            .setInt(BUCKET, bucket)
            .setString(ADDRESS, after), count);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED), false)
            .map(CassandraSubscriberRepository::toSubscriber)
            .flatMap(Optional::stream)
            .limit(count)
            .collect(Collectors.toList());
    }

    private List<Subscriber> withStatus(String list, SubscriberStatus status, String after, int count) {
        Iterator<Row> candidates = inAddressOrder(bucket -> selectIndexAfter.bind()
            .setString(LIST, list)
            .setString(STATUS, status.asJson())
            .setInt(BUCKET, bucket)
            .setString(ADDRESS, after), count);
        List<Subscriber> found = new ArrayList<>();
        while (found.size() < count && candidates.hasNext()) {
            List<CompletableFuture<AsyncResultSet>> reads = new ArrayList<>();
            while (reads.size() < count - found.size() && candidates.hasNext()) {
                String address = candidates.next().getString(ADDRESS);
                reads.add(session.executeAsync(bound(select, list, address)).toCompletableFuture());
            }
            reads.stream()
                .map(read -> Optional.ofNullable(read.join().one()))
                .flatMap(Optional::stream)
                .map(CassandraSubscriberRepository::toSubscriber)
                .flatMap(Optional::stream)
                .filter(subscriber -> subscriber.status() == status)
                .forEach(found::add);
        }
        return found;
    }

    /** The rows of every bucket after the cursor, merged in address order; pages are fetched as the merge needs them. */
    private Iterator<Row> inAddressOrder(IntFunction<BoundStatement> bucketQuery, int count) {
        int pageSize = Math.min(count, Math.max(MIN_BUCKET_PAGE_SIZE, 2 * count / BUCKETS));
        List<PagedRows> buckets = IntStream.range(0, BUCKETS)
            .mapToObj(bucket -> new PagedRows(session.executeAsync(bucketQuery.apply(bucket).setPageSize(pageSize))))
            .collect(Collectors.toList());
        return new SortedMerge<>(buckets, (a, b) -> CqlText.compare(a.getString(ADDRESS), b.getString(ADDRESS)));
    }

    /** Logged, so that the row and its index entries end up written together. */
    private static BatchStatementBuilder idempotentBatch() {
        // plain writes of whole values: the driver may retry the batch after a timeout, e.g. of the batch log
        return BatchStatement.builder(DefaultBatchType.LOGGED).setIdempotence(true);
    }

    private Optional<Row> read(String list, String address) {
        return Optional.ofNullable(session.execute(bound(select, list, address)).one());
    }

    private BoundStatement bound(PreparedStatement statement, String list, String address) {
        return statement.bind().setString(LIST, list).setInt(BUCKET, bucket(address)).setString(ADDRESS, address);
    }

    private static BoundStatement indexEntry(PreparedStatement statement, String list, SubscriberStatus status, int bucket,
                                             String address) {
        return statement.bind()
            .setString(LIST, list)
            .setString(STATUS, status.asJson())
            .setInt(BUCKET, bucket)
            .setString(ADDRESS, address);
    }

    /** Empty for a row holding only {@code last_sent}: what a registerSent racing a delete leaves. */
    private static Optional<Subscriber> toSubscriber(Row row) {
        Instant firstSeen = row.getInstant(FIRST_SEEN);
        return status(row)
            .filter(status -> firstSeen != null)
            .map(status -> Subscriber.builder(row.getString(LIST), row.getString(ADDRESS))
                .status(status)
                .fields(row.getMap(FIELDS, String.class, String.class))
                .firstSeen(firstSeen)
                .lastSent(Optional.ofNullable(row.getInstant(LAST_SENT)))
                .build());
    }

    private static Optional<SubscriberStatus> status(Row row) {
        return Optional.ofNullable(row.getString(STATUS))
            .map(value -> SubscriberStatus.fromJson(value)
                .orElseThrow(() -> new IllegalStateException("Unknown subscriber status '" + value + "'")));
    }

    private static String normalized(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
