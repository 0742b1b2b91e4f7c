package org.smtpplus.core.account;

import org.junit.jupiter.api.BeforeEach;

class MemoryAccountRepositoryTest implements AccountRepositoryContract {
    private MemoryAccountRepository repository;

    @BeforeEach
    void setUp() {
        repository = new MemoryAccountRepository();
    }

    @Override
    public AccountRepository repository() {
        return repository;
    }
}
