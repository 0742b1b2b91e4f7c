package org.smtpplus.cassandra;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.account.AccountRepositoryContract;

class CassandraAccountRepositoryTest implements AccountRepositoryContract {
    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension(CassandraSchema.ACCOUNTS);

    private CassandraAccountRepository repository;

    @BeforeEach
    void setUp() {
        repository = new CassandraAccountRepository(STORE.session());
    }

    @Override
    public AccountRepository repository() {
        return repository;
    }
}
