package org.smtpplus.core.schedule;

import org.junit.jupiter.api.BeforeEach;

class MemoryParkedMailRepositoryTest implements ParkedMailRepositoryContract {
    private MemoryParkedMailRepository repository;

    @BeforeEach
    void setUp() {
        repository = new MemoryParkedMailRepository();
    }

    @Override
    public ParkedMailRepository repository() {
        return repository;
    }
}
