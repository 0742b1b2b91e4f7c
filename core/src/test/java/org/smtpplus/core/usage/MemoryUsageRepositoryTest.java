package org.smtpplus.core.usage;

import org.junit.jupiter.api.BeforeEach;

class MemoryUsageRepositoryTest implements UsageRepositoryContract {
    private MemoryUsageRepository repository;

    @BeforeEach
    void setUp() {
        repository = new MemoryUsageRepository();
    }

    @Override
    public UsageRepository repository() {
        return repository;
    }
}
