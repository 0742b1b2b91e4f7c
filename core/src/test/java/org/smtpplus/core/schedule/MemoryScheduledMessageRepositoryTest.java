package org.smtpplus.core.schedule;

import org.junit.jupiter.api.BeforeEach;

class MemoryScheduledMessageRepositoryTest implements ScheduledMessageRepositoryContract {
    private MemoryScheduledMessageRepository repository;

    @BeforeEach
    void setUp() {
        repository = new MemoryScheduledMessageRepository();
    }

    @Override
    public ScheduledMessageRepository repository() {
        return repository;
    }
}
