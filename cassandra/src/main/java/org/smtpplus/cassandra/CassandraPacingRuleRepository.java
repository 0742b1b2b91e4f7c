package org.smtpplus.cassandra;

import static org.smtpplus.cassandra.CassandraFailures.translated;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.smtpplus.core.pacing.PacingRule;
import org.smtpplus.core.pacing.PacingRuleRepository;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * Pacing rules in table {@code pacing_rules} ({@link PacingDAO}), shared by every node. A put and a delete say
 * whether the rule existed from a read just before the write: two nodes changing the same destination at once may
 * both say "created"; the rule stored is the last one written, as with any plain Cassandra write.
 */
public class CassandraPacingRuleRepository implements PacingRuleRepository {
    private final PacingDAO dao;

    public CassandraPacingRuleRepository(CqlSession session) {
        this.dao = new PacingDAO(session);
    }

    /** Reads the whole table and sorts here: a relay has a few dozen rules at most. */
    @Override
    public List<PacingRule> list() {
        return translated("PacingRuleRepository.list", dao::selectAll).stream()
            .sorted(Comparator.comparing(PacingRule::destination))
            .collect(Collectors.toList());
    }

    @Override
    public boolean put(PacingRule rule) {
        return translated("PacingRuleRepository.put", () -> {
            boolean existed = dao.exists(rule.destination());
            dao.insert(rule);
            return !existed;
        });
    }

    @Override
    public boolean delete(String destination) {
        return translated("PacingRuleRepository.delete", () -> {
            boolean existed = dao.exists(destination);
            dao.delete(destination);
            return existed;
        });
    }
}
