package org.smtpplus.core.webhook;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.store.StoreUnavailableException;

import com.google.common.base.Ticker;

/**
 * The webhooks as read at most {@link #RECENT_SECONDS} seconds ago, for the check every event makes. Only
 * {@link #refreshed} reads the store, on the webhook dispatcher's thread and the routes'; {@link #known} never does, so
 * that a mail thread never waits for the store. A change made through this repository is seen at once, one made on
 * another node within {@link #RECENT_SECONDS} seconds (docs/webhooks.md). While the store is down, the last list read
 * is kept.
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

    /** The last list read, never reading: empty until a first read. */
    public Optional<List<Webhook>> known() {
        return Optional.ofNullable(recent);
    }

    /**
     * The webhooks, read again when the last read is {@link #RECENT_SECONDS} seconds old or a change was made here.
     *
     * @throws StoreUnavailableException when the store cannot be read and never could
     */
    public List<Webhook> refreshed() {
        long now = ticker.read();
        if (stale || recent == null || now - readAt >= TimeUnit.SECONDS.toNanos(RECENT_SECONDS)) {
            try {
                List<Webhook> read = webhooks.list();
                stale = false;
                readAt = now;
                recent = read;
            } catch (StoreUnavailableException e) {
                if (recent == null) {
                    throw e;
                }
                readAt = now;
                LOGGER.warn("The webhooks could not be read, the last list read is used: {}", e.getMessage());
            }
        }
        return recent;
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
        changed();
    }

    @Override
    public boolean delete(String id) {
        boolean existed = webhooks.delete(id);
        changed();
        return existed;
    }

    // read at once, so that this node's next events see the change
    private void changed() {
        stale = true;
        try {
            refreshed();
        } catch (StoreUnavailableException e) {
            LOGGER.warn("The webhooks could not be read again after a change: {}", e.getMessage());
        }
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
