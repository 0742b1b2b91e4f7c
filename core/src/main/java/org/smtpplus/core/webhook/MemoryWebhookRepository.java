package org.smtpplus.core.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** SMTPPLUS_STORE=memory: webhooks live as long as the JVM. */
public final class MemoryWebhookRepository implements WebhookRepository {
    private final ConcurrentSkipListMap<String, Webhook> webhooks = new ConcurrentSkipListMap<>();
    private final Map<String, WebhookStatus> statuses = new ConcurrentHashMap<>();

    @Override
    public Optional<Webhook> get(String id) {
        return Optional.ofNullable(webhooks.get(id));
    }

    @Override
    public List<Webhook> list() {
        return new ArrayList<>(webhooks.values());
    }

    @Override
    public void save(Webhook webhook) {
        webhooks.put(webhook.id(), webhook);
    }

    @Override
    public boolean delete(String id) {
        statuses.remove(id);
        return webhooks.remove(id) != null;
    }

    @Override
    public WebhookStatus status(String id) {
        return statuses.getOrDefault(id, WebhookStatus.NEW);
    }

    @Override
    public void saveStatus(String id, WebhookStatus status) {
        statuses.put(id, status);
    }
}
