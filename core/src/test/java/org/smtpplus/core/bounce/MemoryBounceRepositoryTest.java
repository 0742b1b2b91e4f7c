package org.smtpplus.core.bounce;

import org.junit.jupiter.api.BeforeEach;

class MemoryBounceRepositoryTest implements BounceRepositoryContract {
    private MemoryBounceRepository repository;

    @BeforeEach
    void setUp() {
        repository = new MemoryBounceRepository();
    }

    @Override
    public BounceRepository repository() {
        return repository;
    }
}
