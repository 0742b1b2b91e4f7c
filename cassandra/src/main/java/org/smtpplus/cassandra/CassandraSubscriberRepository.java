package org.smtpplus.cassandra;

import static org.smtpplus.cassandra.CassandraFailures.translated;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import java.util.zip.CRC32;

import org.smtpplus.cassandra.SubscriberDAO.SubscriberRow;
import org.smtpplus.core.subscriber.Subscriber;
import org.smtpplus.core.subscriber.SubscriberPage;
import org.smtpplus.core.subscriber.SubscriberRepository;
import org.smtpplus.core.subscriber.SubscriberStatus;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Statement;

/**
 * Subscribers in table {@code subscribers} ({@link SubscriberDAO}), partitioned by list and a bucket of the address so
 * that no partition grows with the list, and indexed by status in {@code subscribers_by_status}
 * ({@link SubscriberByStatusDAO}). This class decides what the DAOs cannot see alone: the bucket, which writes go
 * together in a batch and in what order, where a lightweight transaction is needed, and how an index entry is
 * confirmed by its row. docs/cassandra-schema.md gives the reasoning.
 */
public class CassandraSubscriberRepository implements SubscriberRepository {
    /** Fixed for the life of the data: another count moves every address to another partition. */
    static final int BUCKETS = 32;
    // per bucket and page: a page of n subscribers takes about n / BUCKETS rows from each bucket
    private static final int MIN_BUCKET_PAGE_SIZE = 4;
    // Requests of one message's recipients in flight at once: far below the driver's per-connection limit.
    private static final int CONCURRENT_REQUESTS = 64;

    private final CqlSession session;
    private final SubscriberDAO subscribers;
    private final SubscriberByStatusDAO byStatus;

    public CassandraSubscriberRepository(CqlSession session) {
        this.session = session;
        this.subscribers = new SubscriberDAO(session);
        this.byStatus = new SubscriberByStatusDAO(session);
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
        return translated("SubscriberRepository.get",
            () -> subscribers.select(list, bucket(key), key).flatMap(SubscriberRow::subscriber));
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
            Optional<SubscriberStatus> previous = subscribers.select(list, bucket, address).flatMap(SubscriberRow::status);
            BatchStatementBuilder batch = idempotentBatch()
                .addStatement(subscribers.insert(subscriber, bucket))
                .addStatement(byStatus.insert(list, subscriber.status(), bucket, address));
            previous.filter(status -> status != subscriber.status())
                .ifPresent(status -> batch.addStatement(byStatus.delete(list, status, bucket, address)));
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
            boolean known = subscribers.select(list, bucket, key).flatMap(SubscriberRow::subscriber).isPresent();
            if (!known) {
                session.execute(byStatus.insert(list, SubscriberStatus.ACTIVE, bucket, key));
                boolean created = session.execute(subscribers.insertIfNew(list, bucket, key, SubscriberStatus.ACTIVE, at, at))
                    .wasApplied();
                if (created) {
                    return null;
                }
            }
            return session.execute(subscribers.updateLastSent(list, bucket, key, at));
        });
    }

    /** One read per bucket (and {@link SubscriberDAO#MAX_IN} addresses) among the addresses, all in flight together. */
    @Override
    public Map<String, Subscriber> getAll(String list, Collection<String> addresses) {
        Map<String, SubscriberRow> rows = translated("SubscriberRepository.getAll", () -> rows(list, keys(addresses)));
        Map<String, Subscriber> found = new LinkedHashMap<>();
        for (String address : addresses) {
            Optional.ofNullable(rows.get(normalized(address)))
                .flatMap(SubscriberRow::subscriber)
                .ifPresent(subscriber -> found.put(address, subscriber));
        }
        return found;
    }

    /**
     * What {@link #registerSent} does for each address, in three rounds of requests in flight together rather than
     * two or three requests one after another per address: the rows, read per bucket as {@link #getAll} does; then
     * the new addresses' index entries and lightweight transactions; then {@code last_sent} of the known addresses
     * (and of the new ones another writer created meanwhile) in one unlogged batch per bucket: the addresses of a
     * bucket are one partition, which takes the batch as one write (a batch over several partitions would load the
     * coordinator with what the driver can route itself).
     */
    @Override
    public void registerSentAll(String list, Collection<String> addresses, Instant at) {
        List<String> keys = keys(addresses);
        translated("SubscriberRepository.registerSentAll", () -> {
            Map<String, SubscriberRow> rows = rows(list, keys);
            List<String> lastSent = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String key : keys) {
                boolean known = Optional.ofNullable(rows.get(key)).flatMap(SubscriberRow::subscriber).isPresent();
                (known ? lastSent : unknown).add(key);
            }
            List<Boolean> created = ParallelRequests.inOrder(unknown, CONCURRENT_REQUESTS, key -> session
                .executeAsync(byStatus.insert(list, SubscriberStatus.ACTIVE, bucket(key), key))
                .thenCompose(indexed -> session.executeAsync(
                    subscribers.insertIfNew(list, bucket(key), key, SubscriberStatus.ACTIVE, at, at)))
                .thenApply(AsyncResultSet::wasApplied));
            for (int i = 0; i < unknown.size(); i++) {
                if (!created.get(i)) {
                    lastSent.add(unknown.get(i));
                }
            }
            return ParallelRequests.inOrder(inBuckets(lastSent), CONCURRENT_REQUESTS,
                sameBucket -> session.executeAsync(lastSentBatch(list, sameBucket, at)));
        });
    }

    // The rows of the addresses (normalised), by address: one read per bucket and MAX_IN addresses.
    private Map<String, SubscriberRow> rows(String list, List<String> keys) {
        Map<String, SubscriberRow> rows = new HashMap<>();
        ParallelRequests.inOrder(inBuckets(keys), CONCURRENT_REQUESTS,
                sameBucket -> subscribers.selectInAsync(list, bucket(sameBucket.get(0)), sameBucket))
            .forEach(read -> read.forEach(row -> rows.put(row.address(), row)));
        return rows;
    }

    private Statement<?> lastSentBatch(String list, List<String> sameBucket, Instant at) {
        int bucket = bucket(sameBucket.get(0));
        if (sameBucket.size() == 1) {
            return subscribers.updateLastSent(list, bucket, sameBucket.get(0), at);
        }
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED).setIdempotence(true);
        sameBucket.forEach(key -> batch.addStatement(subscribers.updateLastSent(list, bucket, key, at)));
        return batch.build();
    }

    /** The addresses grouped by bucket, at most {@link SubscriberDAO#MAX_IN} a group. */
    private static List<List<String>> inBuckets(List<String> keys) {
        Map<Integer, List<String>> byBucket = keys.stream()
            .collect(Collectors.groupingBy(CassandraSubscriberRepository::bucket, TreeMap::new, Collectors.toList()));
        List<List<String>> groups = new ArrayList<>();
        for (List<String> sameBucket : byBucket.values()) {
            for (int from = 0; from < sameBucket.size(); from += SubscriberDAO.MAX_IN) {
                groups.add(sameBucket.subList(from, Math.min(from + SubscriberDAO.MAX_IN, sameBucket.size())));
            }
        }
        return groups;
    }

    private static List<String> keys(Collection<String> addresses) {
        return addresses.stream().map(CassandraSubscriberRepository::normalized).distinct().collect(Collectors.toList());
    }

    @Override
    public boolean delete(String list, String address) {
        String key = normalized(address);
        int bucket = bucket(key);
        return translated("SubscriberRepository.delete", () -> {
            Optional<SubscriberRow> row = subscribers.select(list, bucket, key);
            if (row.isEmpty()) {
                return false;
            }
            BatchStatementBuilder batch = idempotentBatch().addStatement(subscribers.delete(list, bucket, key));
            row.get().status().ifPresent(status -> batch.addStatement(byStatus.delete(list, status, bucket, key)));
            session.execute(batch.build());
            return row.get().subscriber().isPresent();
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
        int pageSize = bucketPageSize(count);
        Iterator<SubscriberRow> rows = inAddressOrder(bucket -> subscribers.selectAfter(list, bucket, after, pageSize),
            SubscriberRow::address);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED), false)
            .map(SubscriberRow::subscriber)
            .flatMap(Optional::stream)
            .limit(count)
            .collect(Collectors.toList());
    }

    private List<Subscriber> withStatus(String list, SubscriberStatus status, String after, int count) {
        int pageSize = bucketPageSize(count);
        Iterator<String> candidates = inAddressOrder(
            bucket -> byStatus.selectAddressesAfter(list, status, bucket, after, pageSize), Function.identity());
        List<Subscriber> found = new ArrayList<>();
        while (found.size() < count && candidates.hasNext()) {
            List<CompletableFuture<Optional<SubscriberRow>>> reads = new ArrayList<>();
            while (reads.size() < count - found.size() && candidates.hasNext()) {
                String address = candidates.next();
                reads.add(subscribers.selectAsync(list, bucket(address), address));
            }
            reads.stream()
                .map(CompletableFuture::join)
                .flatMap(Optional::stream)
                .map(SubscriberRow::subscriber)
                .flatMap(Optional::stream)
                .filter(subscriber -> subscriber.status() == status)
                .forEach(found::add);
        }
        return found;
    }

    private static int bucketPageSize(int count) {
        return Math.min(count, Math.max(MIN_BUCKET_PAGE_SIZE, 2 * count / BUCKETS));
    }

    /** The results of every bucket after the cursor, merged in address order; pages are fetched as the merge needs them. */
    private static <T> Iterator<T> inAddressOrder(IntFunction<Iterator<T>> bucketQuery, Function<T, String> address) {
        List<Iterator<T>> buckets = IntStream.range(0, BUCKETS).mapToObj(bucketQuery).collect(Collectors.toList());
        return new SortedMerge<>(buckets, Comparator.comparing(address, CqlText::compare));
    }

    /** Logged, so that the row and its index entries end up written together. */
    private static BatchStatementBuilder idempotentBatch() {
        // plain writes of whole values: the driver may retry the batch after a timeout, e.g. of the batch log
        return BatchStatement.builder(DefaultBatchType.LOGGED).setIdempotence(true);
    }

    private static String normalized(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
