package org.smtpplus.core.domain;

import org.junit.jupiter.api.BeforeEach;

class MemorySendingDomainRepositoryTest implements SendingDomainRepositoryContract {
    private MemorySendingDomainRepository repository;

    @BeforeEach
    void setUp() {
        repository = new MemorySendingDomainRepository();
    }

    @Override
    public SendingDomainRepository repository() {
        return repository;
    }
}
