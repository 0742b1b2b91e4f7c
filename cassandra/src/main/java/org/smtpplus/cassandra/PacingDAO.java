package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.smtpplus.core.pacing.InvalidPacingException;
import org.smtpplus.core.pacing.PacingRule;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * The statements of tables {@code pacing_rules} (one row per destination) and {@code pace_counters} (one counter per
 * destination and minute, each its own partition: the minutes of a busy destination spread over the cluster), and
 * the mapping of their rows. Failures are the repositories' to translate.
 */
final class PacingDAO {
    private static final String DESTINATION = "destination";
    private static final String PER_MINUTE = "per_minute";
    private static final String CONNECTIONS = "connections";
    private static final String MINUTE = "minute";
    private static final String SLOTS = "slots";

    private final CqlSession session;
    private final PreparedStatement insertRule;
    private final PreparedStatement ruleExists;
    private final PreparedStatement deleteRule;
    private final PreparedStatement selectRules;
    private final PreparedStatement increment;
    private final PreparedStatement selectCount;
    private final PreparedStatement deleteCount;

    PacingDAO(CqlSession session) {
        this.session = session;
        this.insertRule = session.prepare(insertInto(CassandraSchema.PACING_RULES)
            .value(DESTINATION, bindMarker(DESTINATION))
            .value(PER_MINUTE, bindMarker(PER_MINUTE))
            .value(CONNECTIONS, bindMarker(CONNECTIONS))
            .build());
        this.ruleExists = session.prepare(selectFrom(CassandraSchema.PACING_RULES).column(DESTINATION)
            .whereColumn(DESTINATION).isEqualTo(bindMarker(DESTINATION))
            .build());
        this.deleteRule = session.prepare(deleteFrom(CassandraSchema.PACING_RULES)
            .whereColumn(DESTINATION).isEqualTo(bindMarker(DESTINATION))
            .build());
        this.selectRules = session.prepare(selectFrom(CassandraSchema.PACING_RULES).columns(DESTINATION, PER_MINUTE, CONNECTIONS)
            .build());
        this.increment = session.prepare(update(CassandraSchema.PACE_COUNTERS)
            .increment(SLOTS, bindMarker(SLOTS))
            .whereColumn(DESTINATION).isEqualTo(bindMarker(DESTINATION))
            .whereColumn(MINUTE).isEqualTo(bindMarker(MINUTE))
            .build());
        this.selectCount = session.prepare(selectFrom(CassandraSchema.PACE_COUNTERS).column(SLOTS)
            .whereColumn(DESTINATION).isEqualTo(bindMarker(DESTINATION))
            .whereColumn(MINUTE).isEqualTo(bindMarker(MINUTE))
            .build());
        this.deleteCount = session.prepare(deleteFrom(CassandraSchema.PACE_COUNTERS)
            .whereColumn(DESTINATION).isEqualTo(bindMarker(DESTINATION))
            .whereColumn(MINUTE).isEqualTo(bindMarker(MINUTE))
            .build());
    }

    boolean exists(String destination) {
        return session.execute(ruleExists.bind().setString(DESTINATION, destination)).one() != null;
    }

    void insert(PacingRule rule) {
        session.execute(insertRule.bind()
            .setString(DESTINATION, rule.destination())
            .setInt(PER_MINUTE, rule.perMinute())
            .setInt(CONNECTIONS, rule.connections()));
    }

    void delete(String destination) {
        session.execute(deleteRule.bind().setString(DESTINATION, destination));
    }

    List<PacingRule> selectAll() {
        List<PacingRule> rules = new ArrayList<>();
        for (Row row : session.execute(selectRules.bind())) {
            rules.add(rule(row));
        }
        return rules;
    }

    // Only rules PacingRule.of accepted are written: one that does not read back is a corrupt row.
    private static PacingRule rule(Row row) {
        try {
            return PacingRule.of(row.getString(DESTINATION), row.getInt(PER_MINUTE), row.getInt(CONNECTIONS));
        } catch (InvalidPacingException e) {
            throw new IllegalStateException(CassandraSchema.PACING_RULES + " holds a rule the relay refuses: " + e.getMessage(), e);
        }
    }

    /** The count after adding {@code slots}, read at the same consistency: at least this increment, maybe others too. */
    long increment(String destination, long minute, long slots) {
        session.execute(increment.bind().setString(DESTINATION, destination).setLong(MINUTE, minute).setLong(SLOTS, slots));
        return Optional.ofNullable(session.execute(selectCount.bind().setString(DESTINATION, destination).setLong(MINUTE, minute)).one())
            .map(row -> row.getLong(SLOTS))
            .orElse(0L);
    }

    void deleteCount(String destination, long minute) {
        session.execute(deleteCount.bind().setString(DESTINATION, destination).setLong(MINUTE, minute));
    }
}
