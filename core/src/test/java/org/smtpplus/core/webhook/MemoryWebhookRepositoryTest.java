package org.smtpplus.core.webhook;

import org.junit.jupiter.api.BeforeEach;

class MemoryWebhookRepositoryTest implements WebhookRepositoryContract {
    private MemoryWebhookRepository repository;

    @BeforeEach
    void setUp() {
        repository = new MemoryWebhookRepository();
    }

    @Override
    public WebhookRepository repository() {
        return repository;
    }
}
