package org.smtpplus.core.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** SMTPPLUS_STORE=memory: the leases of the nodes of this JVM (one, but for tests). */
public final class MemoryWebhookLeases implements WebhookLeases {
    private static final class Lease {
        private final String node;
        private final Instant until;

        private Lease(String node, Instant until) {
            this.node = node;
            this.until = until;
        }
    }

    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Clock clock;

    public MemoryWebhookLeases(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean hold(String webhookId, String node, Duration duration) {
        Instant now = clock.instant();
        Lease lease = leases.compute(webhookId, (id, current) ->
            current == null || current.node.equals(node) || !current.until.isAfter(now) ? new Lease(node, now.plus(duration)) : current);
        return lease.node.equals(node);
    }

    @Override
    public void release(String webhookId, String node) {
        leases.computeIfPresent(webhookId, (id, current) -> current.node.equals(node) ? null : current);
    }
}
