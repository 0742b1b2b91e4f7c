package org.smtpplus.cassandra;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.pool.IpPoolRepository;
import org.smtpplus.core.pool.IpPoolRepositoryContract;

class CassandraIpPoolRepositoryTest implements IpPoolRepositoryContract {
    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension(CassandraSchema.IP_POOLS);

    private CassandraIpPoolRepository repository;

    @BeforeEach
    void setUp() {
        repository = new CassandraIpPoolRepository(STORE.session());
    }

    @Override
    public IpPoolRepository repository() {
        return repository;
    }
}
