package org.smtpplus.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryWebhookOutboxTest implements WebhookOutboxContract {
    private MemoryWebhookOutbox outbox;

    @BeforeEach
    void setUp() {
        outbox = new MemoryWebhookOutbox(Clock.systemUTC());
    }

    @Override
    public WebhookOutbox outbox() {
        return outbox;
    }

    @Test
    void pastItsCapTheOldestEventsAreDropped() {
        MemoryWebhookOutbox small = new MemoryWebhookOutbox(Clock.systemUTC(), 3);

        small.append("a", List.of("1", "2", "3", "4", "5"));

        assertThat(small.head("a", 10)).extracting(OutboxEntry::json).containsExactly("3", "4", "5");
    }
}
