package org.smtpplus.core.webhook;

import java.util.List;
import java.util.Optional;

/** Where webhooks and their delivery status live: with the Cassandra store, every node sees the same. */
public interface WebhookRepository {
    Optional<Webhook> get(String id);

    /** Every webhook, in the order of their ids. */
    List<Webhook> list();

    /** Creates or replaces the webhook of that id; its status and outbox are kept. */
    void save(Webhook webhook);

    /** True when it existed; its status goes with it. */
    boolean delete(String id);

    /** {@link WebhookStatus#NEW} for a webhook never delivered to. */
    WebhookStatus status(String id);

    /** Written by the one node that delivers the webhook's events ({@link WebhookLeases}). */
    void saveStatus(String id, WebhookStatus status);
}
