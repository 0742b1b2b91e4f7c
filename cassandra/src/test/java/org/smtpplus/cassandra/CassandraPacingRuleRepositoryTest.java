package org.smtpplus.cassandra;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.pacing.PacingRuleRepository;
import org.smtpplus.core.pacing.PacingRuleRepositoryContract;

class CassandraPacingRuleRepositoryTest implements PacingRuleRepositoryContract {
    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension(CassandraSchema.PACING_RULES);

    private CassandraPacingRuleRepository repository;

    @BeforeEach
    void setUp() {
        repository = new CassandraPacingRuleRepository(STORE.session());
    }

    @Override
    public PacingRuleRepository repository() {
        return repository;
    }
}
