package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.smtpplus.cassandra.CassandraFailures.translated;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.smtpplus.core.suppression.Suppression;
import org.smtpplus.core.suppression.SuppressionReason;
import org.smtpplus.core.suppression.SuppressionRepository;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * Suppressions in table {@code suppressions}: one partition per address holding its global entry (list {@code ''})
 * and its per-list entries, so the check made for every relayed copy reads one partition.
 */
public class CassandraSuppressionRepository implements SuppressionRepository {
    // a clustering key cannot be null: the global entry has the empty list, which no list is named
    private static final String GLOBAL = "";
    // rows are small: a page of the export scan is a few hundred kilobytes
    private static final int EXPORT_PAGE_SIZE = 1000;
    // Reads of one message's recipients in flight at once: one partition each, so the driver routes each to its
    // replicas (a multi-partition IN would load one coordinator with them all).
    private static final int CONCURRENT_READS = 64;

    private static final String ADDRESS = "address";
    private static final String LIST = "list";
    private static final String REASON = "reason";
    private static final String AT = "at";

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement selectAddress;
    private final PreparedStatement selectAll;
    private final PreparedStatement deleteEntry;

    public CassandraSuppressionRepository(CqlSession session) {
        this.session = session;
        this.insert = session.prepare(insertInto(CassandraSchema.SUPPRESSIONS)
            .value(ADDRESS, bindMarker(ADDRESS))
            .value(LIST, bindMarker(LIST))
            .value(REASON, bindMarker(REASON))
            .value(AT, bindMarker(AT))
            .build());
        this.select = session.prepare(selectFrom(CassandraSchema.SUPPRESSIONS).all()
            .whereColumn(ADDRESS).isEqualTo(bindMarker(ADDRESS))
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .build());
        this.selectAddress = session.prepare(selectFrom(CassandraSchema.SUPPRESSIONS).all()
            .whereColumn(ADDRESS).isEqualTo(bindMarker(ADDRESS))
            .build());
        this.selectAll = session.prepare(selectFrom(CassandraSchema.SUPPRESSIONS).all().build());
        this.deleteEntry = session.prepare(deleteFrom(CassandraSchema.SUPPRESSIONS)
            .whereColumn(ADDRESS).isEqualTo(bindMarker(ADDRESS))
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .build());
    }

    @Override
    public void add(Suppression suppression) {
        String list = listKey(suppression.list());
        translated("SuppressionRepository.add", () -> session.execute(insert.bind()
            .setString(ADDRESS, suppression.address())
            .setString(LIST, list)
            .setString(REASON, suppression.reason().asJson())
            .setInstant(AT, suppression.at())));
    }

    @Override
    public Optional<Suppression> get(String address, Optional<String> list) {
        String listKey = listKey(list);
        return translated("SuppressionRepository.get", () ->
            Optional.ofNullable(session.execute(select.bind()
                    .setString(ADDRESS, normalized(address))
                    .setString(LIST, listKey))
                .one())
                .map(CassandraSuppressionRepository::toSuppression));
    }

    @Override
    public List<Suppression> forAddress(String address) {
        return translated("SuppressionRepository.forAddress", () ->
            session.execute(selectAddress.bind().setString(ADDRESS, normalized(address))).all().stream()
                .map(CassandraSuppressionRepository::toSuppression)
                .collect(Collectors.toList()));
    }

    /** One read per address, all started together ({@link #CONCURRENT_READS} at a time), waited for once. */
    @Override
    public Map<String, Suppression> suppressingAll(Collection<String> addresses, String list) {
        List<String> asked = new ArrayList<>(addresses);
        List<List<Suppression>> entries = translated("SuppressionRepository.suppressingAll",
            () -> ParallelRequests.inOrder(asked, CONCURRENT_READS, this::forAddressAsync));
        Map<String, Suppression> found = new LinkedHashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            String address = asked.get(i);
            SuppressionRepository.keeping(entries.get(i), list).ifPresent(entry -> found.put(address, entry));
        }
        return found;
    }

    private CompletionStage<List<Suppression>> forAddressAsync(String address) {
        return session.executeAsync(selectAddress.bind().setString(ADDRESS, normalized(address)))
            .thenCompose(rows -> collected(rows, new ArrayList<>()));
    }

    // an address's entries are a handful, one page; more pages are fetched without blocking a driver thread
    private static CompletionStage<List<Suppression>> collected(AsyncResultSet rows, List<Suppression> into) {
        rows.currentPage().forEach(row -> into.add(toSuppression(row)));
        if (rows.hasMorePages()) {
            return rows.fetchNextPage().thenCompose(next -> collected(next, into));
        }
        return CompletableFuture.completedFuture(into);
    }

    /** Reads, then deletes: a conditional delete would mix lightweight transactions with the plain writes of add. */
    @Override
    public boolean remove(String address, Optional<String> list) {
        String key = normalized(address);
        String listKey = listKey(list);
        return translated("SuppressionRepository.remove", () -> {
            boolean existed = session.execute(select.bind().setString(ADDRESS, key).setString(LIST, listKey)).one() != null;
            session.execute(deleteEntry.bind().setString(ADDRESS, key).setString(LIST, listKey));
            return existed;
        });
    }

    /**
     * Scans the table in token order (no order a caller may rely on), a page at a time, and filters here: a
     * filter on the server would scan as much, and could time out looking for a rare reason to fill a page.
     */
    @Override
    public Stream<Suppression> all(Optional<SuppressionReason> reason, Optional<String> list) {
        Iterator<Row> rows = translated("SuppressionRepository.all",
            () -> session.execute(selectAll.bind().setPageSize(EXPORT_PAGE_SIZE)).iterator());
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new TranslatedIterator<>(rows, "SuppressionRepository.all"),
                Spliterator.ORDERED | Spliterator.NONNULL), false)
            .map(CassandraSuppressionRepository::toSuppression)
            .filter(suppression -> reason.map(wanted -> suppression.reason() == wanted).orElse(true))
            .filter(suppression -> list.map(wanted -> suppression.list().equals(Optional.of(wanted))).orElse(true));
    }

    private static Suppression toSuppression(Row row) {
        String list = row.getString(LIST);
        String reason = row.getString(REASON);
        return new Suppression(row.getString(ADDRESS),
            GLOBAL.equals(list) ? Optional.empty() : Optional.of(list),
            SuppressionReason.fromJson(reason).orElseThrow(() -> new IllegalStateException("Unknown suppression reason '" + reason + "'")),
            row.getInstant(AT));
    }

    private static String listKey(Optional<String> list) {
        if (list.filter(GLOBAL::equals).isPresent()) {
            throw new IllegalArgumentException("A list name is not empty: pass no list for the global entry");
        }
        return list.orElse(GLOBAL);
    }

    private static String normalized(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
