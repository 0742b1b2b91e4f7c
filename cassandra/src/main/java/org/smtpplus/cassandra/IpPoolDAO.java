package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.smtpplus.core.pool.IpPool;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * The statements of table {@code ip_pools}, one row per pool, and the mapping of its rows. Plain writes: a PUT gives
 * the whole pool, so the last one written wins, as it would in memory. Failures are the repository's to translate.
 */
final class IpPoolDAO {
    private static final String NAME = "name";
    private static final String ADDRESSES = "addresses";
    private static final String HELO_NAME = "helo_name";

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement selectName;
    private final PreparedStatement selectAll;
    private final PreparedStatement delete;

    IpPoolDAO(CqlSession session) {
        this.session = session;
        this.insert = session.prepare(insertInto(CassandraSchema.IP_POOLS)
            .value(NAME, bindMarker(NAME))
            .value(ADDRESSES, bindMarker(ADDRESSES))
            .value(HELO_NAME, bindMarker(HELO_NAME))
            .build());
        this.select = session.prepare(selectFrom(CassandraSchema.IP_POOLS).all()
            .whereColumn(NAME).isEqualTo(bindMarker(NAME))
            .build());
        this.selectName = session.prepare(selectFrom(CassandraSchema.IP_POOLS).column(NAME)
            .whereColumn(NAME).isEqualTo(bindMarker(NAME))
            .build());
        this.selectAll = session.prepare(selectFrom(CassandraSchema.IP_POOLS).all().build());
        this.delete = session.prepare(deleteFrom(CassandraSchema.IP_POOLS)
            .whereColumn(NAME).isEqualTo(bindMarker(NAME))
            .build());
    }

    Optional<IpPool> select(String name) {
        return Optional.ofNullable(session.execute(select.bind().setString(NAME, name)).one()).map(IpPoolDAO::toPool);
    }

    /** In token order: a relay has a few pools, read whole. */
    List<IpPool> selectAll() {
        return session.execute(selectAll.bind()).all().stream().map(IpPoolDAO::toPool).collect(Collectors.toList());
    }

    /** Every column is bound: the row is replaced, not merged. */
    void insert(IpPool pool) {
        session.execute(insert.bind()
            .setString(NAME, pool.name())
            .setList(ADDRESSES, pool.addresses(), String.class)
            .setString(HELO_NAME, pool.heloName()));
    }

    boolean exists(String name) {
        return session.execute(selectName.bind().setString(NAME, name)).one() != null;
    }

    void delete(String name) {
        session.execute(delete.bind().setString(NAME, name));
    }

    private static IpPool toPool(Row row) {
        return new IpPool(row.getString(NAME), row.getList(ADDRESSES, String.class), row.getString(HELO_NAME));
    }
}
