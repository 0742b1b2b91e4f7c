package org.smtpplus.core.webhook;

import java.time.Duration;
import java.time.Instant;

import org.smtpplus.core.usage.MutableClock;

class MemoryWebhookLeasesTest implements WebhookLeasesContract {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final MemoryWebhookLeases leases = new MemoryWebhookLeases(clock);

    @Override
    public WebhookLeases leases() {
        return leases;
    }

    @Override
    public void pass(Duration duration) {
        clock.advance(duration);
    }
}
