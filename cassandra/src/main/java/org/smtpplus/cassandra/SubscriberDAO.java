package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.literal;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.smtpplus.core.subscriber.Subscriber;
import org.smtpplus.core.subscriber.SubscriberStatus;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.querybuilder.relation.OngoingWhereClause;

/**
 * The statements of table {@code subscribers}, one row per address of a list, keyed by list, bucket and address, and
 * the mapping of its rows. Reads run here; writes are handed back as statements, for
 * {@link CassandraSubscriberRepository} to run alone or in a batch with {@link SubscriberByStatusDAO}'s, in the order
 * it chooses. Failures are the repository's to translate.
 */
final class SubscriberDAO {
    /**
     * A row as read: a subscriber, or what a registerSent racing a delete leaves (a row holding only
     * {@code last_sent}). Mapped when asked, so that a caller reading only the status parses only the status.
     */
    static final class SubscriberRow {
        private final Row row;

        private SubscriberRow(Row row) {
            this.row = row;
        }

        String address() {
            return row.getString(ADDRESS);
        }

        Optional<SubscriberStatus> status() {
            return Optional.ofNullable(row.getString(STATUS))
                .map(value -> SubscriberStatus.fromJson(value)
                    .orElseThrow(() -> new IllegalStateException("Unknown subscriber status '" + value + "'")));
        }

        /** Empty for a row holding only {@code last_sent}. */
        Optional<Subscriber> subscriber() {
            Instant firstSeen = row.getInstant(FIRST_SEEN);
            return status()
                .filter(status -> firstSeen != null)
                .map(status -> Subscriber.builder(row.getString(LIST), row.getString(ADDRESS))
                    .status(status)
                    .fields(row.getMap(FIELDS, String.class, String.class))
                    .firstSeen(firstSeen)
                    .lastSent(Optional.ofNullable(row.getInstant(LAST_SENT)))
                    .build());
        }
    }

    private static final String LIST = "list";
    private static final String BUCKET = "bucket";
    private static final String ADDRESS = "address";
    private static final String STATUS = "status";
    private static final String FIELDS = "fields";
    private static final String FIRST_SEEN = "first_seen";
    private static final String LAST_SENT = "last_sent";
    private static final String ADDRESSES = "addresses";
    /** The most addresses {@link #selectInAsync} takes: an IN of a few dozen keys of one partition is one cheap read. */
    static final int MAX_IN = 100;

    private final CqlSession session;
    private final PreparedStatement select;
    private final PreparedStatement selectAfter;
    private final PreparedStatement selectIn;
    private final PreparedStatement insert;
    private final PreparedStatement insertIfNew;
    private final PreparedStatement updateLastSent;
    private final PreparedStatement delete;

    SubscriberDAO(CqlSession session) {
        this.session = session;
        this.select = session.prepare(whereKey(selectFrom(CassandraSchema.SUBSCRIBERS).all()).build());
        this.selectAfter = session.prepare(selectFrom(CassandraSchema.SUBSCRIBERS).all()
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .whereColumn(ADDRESS).isGreaterThan(bindMarker(ADDRESS))
            .build());
        this.selectIn = session.prepare(selectFrom(CassandraSchema.SUBSCRIBERS).all()
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .whereColumn(ADDRESS).in(bindMarker(ADDRESSES))
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
        this.insertIfNew = session.prepare(whereKey(update(CassandraSchema.SUBSCRIBERS)
            .setColumn(STATUS, bindMarker(STATUS))
            .setColumn(FIRST_SEEN, bindMarker(FIRST_SEEN))
            .setColumn(LAST_SENT, bindMarker(LAST_SENT)))
            .ifColumn(FIRST_SEEN).isEqualTo(literal(null))
            .build());
        this.updateLastSent = session.prepare(whereKey(update(CassandraSchema.SUBSCRIBERS)
            .setColumn(LAST_SENT, bindMarker(LAST_SENT)))
            .build());
        this.delete = session.prepare(whereKey(deleteFrom(CassandraSchema.SUBSCRIBERS)).build());
    }

    /** {@code WHERE list = :list AND bucket = :bucket AND address = :address}: one row. */
    private static <T extends OngoingWhereClause<T>> T whereKey(OngoingWhereClause<T> statement) {
        return statement
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .whereColumn(ADDRESS).isEqualTo(bindMarker(ADDRESS));
    }

    Optional<SubscriberRow> select(String list, int bucket, String address) {
        return Optional.ofNullable(session.execute(key(select, list, bucket, address)).one()).map(SubscriberRow::new);
    }

    /** As {@link #select}, started now: reads started together run in parallel. */
    CompletableFuture<Optional<SubscriberRow>> selectAsync(String list, int bucket, String address) {
        return session.executeAsync(key(select, list, bucket, address)).toCompletableFuture()
            .thenApply(rows -> Optional.ofNullable(rows.one()).map(SubscriberRow::new));
    }

    /**
     * The rows of the addresses (at most {@link #MAX_IN}, all of the bucket), in one request: an IN on the clustering
     * key of one partition, which its replicas answer from one read.
     */
    CompletableFuture<List<SubscriberRow>> selectInAsync(String list, int bucket, List<String> addresses) {
        if (addresses.size() > MAX_IN) {
            throw new IllegalArgumentException("at most " + MAX_IN + " addresses a read, got " + addresses.size());
        }
        return session.executeAsync(selectIn.bind()
                .setString(LIST, list)
                .setInt(BUCKET, bucket)
                .setList(ADDRESSES, addresses, String.class))
            .thenCompose(rows -> collected(rows, new ArrayList<>()))
            .toCompletableFuture();
    }

    // at most MAX_IN rows, one page; a further page is fetched without blocking a driver thread
    private static CompletionStage<List<SubscriberRow>> collected(AsyncResultSet rows, List<SubscriberRow> into) {
        rows.currentPage().forEach(row -> into.add(new SubscriberRow(row)));
        if (rows.hasMorePages()) {
            return rows.fetchNextPage().thenCompose(next -> collected(next, into));
        }
        return CompletableFuture.completedFuture(into);
    }

    /** The rows of one bucket after {@code address}, in address order, {@code pageSize} rows per fetch. */
    Iterator<SubscriberRow> selectAfter(String list, int bucket, String address, int pageSize) {
        return new PagedRows(session.executeAsync(key(selectAfter, list, bucket, address).setPageSize(pageSize)))
            .map(SubscriberRow::new);
    }

    /** Writes every column of the row, whatever it held. */
    BoundStatement insert(Subscriber subscriber, int bucket) {
        return key(insert, subscriber.list(), bucket, subscriber.address())
            .setString(STATUS, subscriber.status().asJson())
            .setMap(FIELDS, subscriber.fields(), String.class, String.class)
            .setInstant(FIRST_SEEN, subscriber.firstSeen())
            .setInstant(LAST_SENT, subscriber.lastSent().orElse(null));
    }

    /**
     * A lightweight transaction, applied only when the row is missing or has no {@code first_seen}; it leaves
     * {@code fields} as they are.
     */
    BoundStatement insertIfNew(String list, int bucket, String address, SubscriberStatus status, Instant firstSeen,
                               Instant lastSent) {
        return insertIfNew.bind()
            .setString(STATUS, status.asJson())
            .setInstant(FIRST_SEEN, firstSeen)
            .setInstant(LAST_SENT, lastSent)
            .setString(LIST, list)
            .setInt(BUCKET, bucket)
            .setString(ADDRESS, address);
    }

    BoundStatement updateLastSent(String list, int bucket, String address, Instant lastSent) {
        return updateLastSent.bind()
            .setInstant(LAST_SENT, lastSent)
            .setString(LIST, list)
            .setInt(BUCKET, bucket)
            .setString(ADDRESS, address);
    }

    BoundStatement delete(String list, int bucket, String address) {
        return key(delete, list, bucket, address);
    }

    private static BoundStatement key(PreparedStatement statement, String list, int bucket, String address) {
        return statement.bind().setString(LIST, list).setInt(BUCKET, bucket).setString(ADDRESS, address);
    }
}
