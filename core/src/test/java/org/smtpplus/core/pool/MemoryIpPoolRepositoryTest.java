package org.smtpplus.core.pool;

import org.junit.jupiter.api.BeforeEach;

class MemoryIpPoolRepositoryTest implements IpPoolRepositoryContract {
    private MemoryIpPoolRepository repository;

    @BeforeEach
    void setUp() {
        repository = new MemoryIpPoolRepository();
    }

    @Override
    public IpPoolRepository repository() {
        return repository;
    }
}
