package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;

import java.util.Iterator;

import org.smtpplus.core.subscriber.SubscriberStatus;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/**
 * The statements of table {@code subscribers_by_status}, the index of {@code subscribers} by status: one entry, the
 * key alone, per address of a list with that status, in the same bucket as its row. An entry is only a candidate;
 * {@link CassandraSubscriberRepository} confirms it against the row. Writes are handed back as statements for the
 * repository to run; failures are its to translate.
 */
final class SubscriberByStatusDAO {
    private static final String LIST = "list";
    private static final String STATUS = "status";
    private static final String BUCKET = "bucket";
    private static final String ADDRESS = "address";

    private final CqlSession session;
    private final PreparedStatement selectAfter;
    private final PreparedStatement insert;
    private final PreparedStatement delete;

    SubscriberByStatusDAO(CqlSession session) {
        this.session = session;
        this.selectAfter = session.prepare(selectFrom(CassandraSchema.SUBSCRIBERS_BY_STATUS).column(ADDRESS)
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .whereColumn(STATUS).isEqualTo(bindMarker(STATUS))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .whereColumn(ADDRESS).isGreaterThan(bindMarker(ADDRESS))
            .build());
        this.insert = session.prepare(insertInto(CassandraSchema.SUBSCRIBERS_BY_STATUS)
            .value(LIST, bindMarker(LIST))
            .value(STATUS, bindMarker(STATUS))
            .value(BUCKET, bindMarker(BUCKET))
            .value(ADDRESS, bindMarker(ADDRESS))
            .build());
        this.delete = session.prepare(deleteFrom(CassandraSchema.SUBSCRIBERS_BY_STATUS)
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .whereColumn(STATUS).isEqualTo(bindMarker(STATUS))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .whereColumn(ADDRESS).isEqualTo(bindMarker(ADDRESS))
            .build());
    }

    /** The addresses of one bucket's entries after {@code address}, in address order, {@code pageSize} per fetch. */
    Iterator<String> selectAddressesAfter(String list, SubscriberStatus status, int bucket, String address, int pageSize) {
        return new PagedRows(session.executeAsync(entry(selectAfter, list, status, bucket, address).setPageSize(pageSize)))
            .map(row -> row.getString(ADDRESS));
    }

    BoundStatement insert(String list, SubscriberStatus status, int bucket, String address) {
        return entry(insert, list, status, bucket, address);
    }

    BoundStatement delete(String list, SubscriberStatus status, int bucket, String address) {
        return entry(delete, list, status, bucket, address);
    }

    private static BoundStatement entry(PreparedStatement statement, String list, SubscriberStatus status, int bucket,
                                        String address) {
        return statement.bind()
            .setString(LIST, list)
            .setString(STATUS, status.asJson())
            .setInt(BUCKET, bucket)
            .setString(ADDRESS, address);
    }
}
