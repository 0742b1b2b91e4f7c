package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.webhook.WebhookRepository;
import org.smtpplus.core.webhook.WebhookRepositoryContract;
import org.smtpplus.core.webhook.WebhookStatus;

class CassandraWebhookRepositoryTest implements WebhookRepositoryContract {
    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension(CassandraSchema.WEBHOOKS, CassandraSchema.WEBHOOK_STATUS);

    private CassandraWebhookRepository repository;

    @BeforeEach
    void setUp() {
        repository = new CassandraWebhookRepository(STORE.session());
    }

    @Override
    public WebhookRepository repository() {
        return repository;
    }

    @Test
    void aStatusSavedAgainLosesWhatItNoLongerHas() {
        WebhookStatus failing = WebhookStatus.NEW.failed(Instant.parse("2026-12-07T10:01:00Z"), "HTTP 500");
        repository.saveStatus(SHOP.id(), failing);
        WebhookStatus recovered = failing.succeeded(Instant.parse("2026-12-07T10:02:00Z"));

        repository.saveStatus(SHOP.id(), recovered);

        assertThat(repository.status(SHOP.id())).isEqualTo(recovered);
        assertThat(repository.status(SHOP.id()).failingSince()).isEmpty();
    }
}
