package org.smtpplus.core.webhook;

import java.time.Duration;

/**
 * Which node delivers each webhook's events: one at a time, so that the events reach the receiver in order and once.
 * A node that stops without releasing its leases hands them over when they expire.
 */
public interface WebhookLeases {
    /** True when {@code node} holds the webhook's lease, taken now or renewed, for {@code duration} from now. */
    boolean hold(String webhookId, String node, Duration duration);

    /** Gives the lease up, if {@code node} holds it. */
    void release(String webhookId, String node);
}
