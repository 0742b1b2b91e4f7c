package org.smtpplus.core.notification;

import org.junit.jupiter.api.BeforeEach;

class MemorySentNotificationRepositoryTest implements SentNotificationRepositoryContract {
    private MemorySentNotificationRepository repository;

    @BeforeEach
    void setUp() {
        repository = new MemorySentNotificationRepository();
    }

    @Override
    public SentNotificationRepository repository() {
        return repository;
    }
}
