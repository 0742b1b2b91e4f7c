package org.smtpplus.core.pacing;

import java.util.List;

/** Where the pacing rules live: with the Cassandra store, every node paces by the same rules. */
public interface PacingRuleRepository {
    /** Every rule, {@code *} included, in the order of their destinations. */
    List<PacingRule> list();

    /** Stores the rule, replacing the one of its destination; true when there was none. */
    boolean put(PacingRule rule);

    /** True when the destination had a rule. */
    boolean delete(String destination);
}
