package org.smtpplus.core.subscriber;

import org.junit.jupiter.api.BeforeEach;

class MemorySubscriberRepositoryTest implements SubscriberRepositoryContract {
    private MemorySubscriberRepository repository;

    @BeforeEach
    void setUp() {
        repository = new MemorySubscriberRepository();
    }

    @Override
    public SubscriberRepository repository() {
        return repository;
    }
}
