package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.update;
import static org.smtpplus.cassandra.CassandraFailures.translated;

import java.time.YearMonth;
import java.util.Optional;

import org.smtpplus.core.usage.MonthlyUsage;
import org.smtpplus.core.usage.UsageRepository;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/**
 * Usage in counter table {@code usage_counters}, one row per account and month (ISO {@code 2026-11}, which sorts
 * by time), with the number of additions made to it ({@code changes}). Counter increments add up exactly whatever the number of writers and nodes; they are not idempotent,
 * so the driver never retries one, and an increment that timed out may or may not have counted.
 */
public class CassandraUsageRepository implements UsageRepository {
    private static final String ACCOUNT = "account";
    private static final String MONTH = "month";
    private static final String MESSAGES = "messages";
    private static final String BYTES = "bytes";
    private static final String CHANGES = "changes";

    private final CqlSession session;
    private final PreparedStatement increment;
    private final PreparedStatement select;

    public CassandraUsageRepository(CqlSession session) {
        this.session = session;
        this.increment = session.prepare(update(CassandraSchema.USAGE_COUNTERS)
            .increment(MESSAGES, bindMarker(MESSAGES))
            .increment(BYTES, bindMarker(BYTES))
            .increment(CHANGES)
            .whereColumn(ACCOUNT).isEqualTo(bindMarker(ACCOUNT))
            .whereColumn(MONTH).isEqualTo(bindMarker(MONTH))
            .build());
        this.select = session.prepare(selectFrom(CassandraSchema.USAGE_COUNTERS).columns(MESSAGES, BYTES, CHANGES)
            .whereColumn(ACCOUNT).isEqualTo(bindMarker(ACCOUNT))
            .whereColumn(MONTH).isEqualTo(bindMarker(MONTH))
            .build());
    }

    @Override
    public void add(String account, YearMonth month, long messages, long bytes) {
        translated("UsageRepository.add", () -> session.execute(increment.bind()
            .setLong(MESSAGES, messages)
            .setLong(BYTES, bytes)
            .setString(ACCOUNT, account)
            .setString(MONTH, month.toString())));
    }

    @Override
    public MonthlyUsage get(String account, YearMonth month) {
        return translated("UsageRepository.get", () ->
            Optional.ofNullable(session.execute(select.bind()
                    .setString(ACCOUNT, account)
                    .setString(MONTH, month.toString()))
                .one())
                .map(row -> new MonthlyUsage(account, month, row.getLong(MESSAGES), row.getLong(BYTES), row.getLong(CHANGES)))
                .orElseGet(() -> new MonthlyUsage(account, month, 0, 0)));
    }
}
