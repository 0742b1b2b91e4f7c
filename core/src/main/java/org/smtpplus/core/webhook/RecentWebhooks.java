package org.smtpplus.core.webhook;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.store.StoreUnavailableException;

import com.google.common.base.Ticker;

/**
 * The webhooks as read at most {@link #RECENT_SECONDS} seconds ago, for the check every event makes: a change made
 * through this repository is seen at once, one made on another node within that time. While the store is down, the
 * last list read is kept, so events still reach the outbox (docs/webhooks.md).
 */
public final class RecentWebhooks implements WebhookRepository {
    static final long RECENT_SECONDS = 5;
    private static final Logger LOGGER = LoggerFactory.getLogger(RecentWebhooks.class);

    private final WebhookRepository webhooks;
    private final Ticker ticker;
    private volatile List<Webhook> recent;
    private volatile long readAt;
    private volatile boolean stale = true;

    public RecentWebhooks(WebhookRepository webhooks, Ticker ticker) {
        this.webhooks = webhooks;
        this.ticker = ticker;
    }

    /** Never throws: the last list read when the store cannot be read (empty before any read). */
    public List<Webhook> recent() {
        long now = ticker.read();
        if (stale || now - readAt >= TimeUnit.SECONDS.toNanos(RECENT_SECONDS)) {
            try {
                stale = false;
                readAt = now;
                recent = webhooks.list();
            } catch (StoreUnavailableException e) {
                LOGGER.warn("The webhooks could not be read, the last list read is used: {}", e.getMessage());
            }
        }
        List<Webhook> list = recent;
        return list == null ? List.of() : list;
    }

    @Override
    public Optional<Webhook> get(String id) {
        return webhooks.get(id);
    }

    @Override
    public List<Webhook> list() {
        return webhooks.list();
    }

    @Override
    public void save(Webhook webhook) {
        webhooks.save(webhook);
        stale = true;
    }

    @Override
    public boolean delete(String id) {
        boolean existed = webhooks.delete(id);
        stale = true;
        return existed;
    }

    @Override
    public WebhookStatus status(String id) {
        return webhooks.status(id);
    }

    @Override
    public void saveStatus(String id, WebhookStatus status) {
        webhooks.saveStatus(id, status);
    }
}
