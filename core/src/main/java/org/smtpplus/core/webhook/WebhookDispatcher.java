package org.smtpplus.core.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.store.StoreUnavailableException;

/**
 * Delivers each webhook's outbox to its receiver (docs/webhooks.md): in order, {@value #BATCH} events a POST at most,
 * signed ({@link WebhookSignature}). A POST that fails is retried after the delays of {@link WebhookRetries}; the
 * batch at the head of the outbox waits for it, so that no event overtakes another. An event not accepted within 24
 * hours of its recording is dropped, logged and counted. A webhook is delivered by the one node that holds its lease.
 *
 * <p>{@link #tick} runs every second on one thread; each POST runs on {@code deliveries}, so that a slow receiver
 * delays only its own events. Nothing here is on a mail thread: a receiver never slows delivery.
 */
public final class WebhookDispatcher {
    public static final int BATCH = 100;
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration RENEW_LEASE = Duration.ofSeconds(10);
    // more than this in a row would keep a delivery thread from the other webhooks
    private static final int BATCHES_AT_ONCE = 20;
    private static final Duration STORE_RETRY = Duration.ofSeconds(5);
    // events dropped at once after 24 hours: as many as a busy webhook gets in that time, read a thousand at a time
    private static final int EXPIRED_AT_ONCE = 1_000;
    private static final int EXPIRED_READS = 1_000;
    private static final Logger LOGGER = LoggerFactory.getLogger(WebhookDispatcher.class);

    private static final class Lease {
        private final boolean held;
        private final Instant checkedAt;

        private Lease(boolean held, Instant checkedAt) {
            this.held = held;
            this.checkedAt = checkedAt;
        }
    }

    private final RecentWebhooks webhooks;
    private final WebhookOutbox outbox;
    private final WebhookLeases leases;
    private final WebhookEventSink sink;
    private final WebhookSender sender;
    private final Clock clock;
    private final Executor deliveries;
    private final String node;
    private final Map<String, Lease> leaseChecks = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> nextAttempt = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicLong droppedEvents = new AtomicLong();
    private volatile boolean closing;

    public WebhookDispatcher(RecentWebhooks webhooks, WebhookOutbox outbox, WebhookLeases leases, WebhookEventSink sink,
                             WebhookSender sender, Clock clock, Executor deliveries, String node) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.leases = leases;
        this.sink = sink;
        this.sender = sender;
        this.clock = clock;
        this.deliveries = deliveries;
        this.node = node;
    }

    /** Moves the recorded events to the outbox, then starts the POSTs that are due. Never throws. */
    public void tick() {
        try {
            sink.moveToOutbox(outbox);
        } catch (RuntimeException e) {
            LOGGER.warn("Webhook events wait in memory for the store ({} waiting): {}", sink.waiting(), e.getMessage());
        }
        try {
            List<Webhook> current = webhooks.refreshed();
            Set<String> ids = current.stream().map(Webhook::id).collect(Collectors.toSet());
            leaseChecks.keySet().retainAll(ids);
            failures.keySet().retainAll(ids);
            nextAttempt.keySet().retainAll(ids);
            Instant now = clock.instant();
            for (Webhook webhook : current) {
                if (!inFlight.contains(webhook.id()) && !nextAttempt.getOrDefault(webhook.id(), now).isAfter(now)
                    && holdsLease(webhook.id(), now)) {
                    start(webhook);
                }
            }
        } catch (StoreUnavailableException e) {
            LOGGER.warn("Webhook deliveries wait for the store: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOGGER.error("Webhook deliveries could not be started", e);
        }
    }

    private void start(Webhook webhook) {
        inFlight.add(webhook.id());
        try {
            deliveries.execute(() -> {
                try {
                    deliver(webhook);
                } catch (RuntimeException e) {
                    LOGGER.warn("Webhook {} waits for the store: {}", webhook.id(), e.getMessage());
                    nextAttempt.put(webhook.id(), clock.instant().plus(STORE_RETRY));
                } finally {
                    inFlight.remove(webhook.id());
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(webhook.id());
        }
    }

    private boolean holdsLease(String id, Instant now) {
        Lease lease = leaseChecks.get(id);
        if (lease == null || !now.isBefore(lease.checkedAt.plus(RENEW_LEASE))) {
            lease = new Lease(leases.hold(id, node, LEASE), now);
            leaseChecks.put(id, lease);
        }
        return lease.held;
    }

    /**
     * POSTs the webhook's outbox, batch by batch, until it is empty or a POST fails, or this node no longer holds the
     * webhook's lease, or the webhook changed. Events older than {@link WebhookRetries#GIVE_UP_AFTER} are dropped first.
     */
    void deliver(Webhook webhook) {
        for (int batches = 0; batches < BATCHES_AT_ONCE; batches++) {
            List<OutboxEntry> head = outbox.head(webhook.id(), BATCH);
            if (head.isEmpty() || !mayPost(webhook)) {
                return;
            }
            Instant limit = clock.instant().minus(WebhookRetries.GIVE_UP_AFTER);
            if (head.get(0).appendedAt().isBefore(limit)) {
                dropExpired(webhook, limit);
                continue;
            }
            WebhookStatus status = webhooks.status(webhook.id());
            String body = head.stream().map(OutboxEntry::json).collect(Collectors.joining(",", "[", "]"));
            Instant now = clock.instant();
            Optional<String> error = sender.post(webhook.url(), WebhookSignature.header(webhook.secret(), now.getEpochSecond(), body), body);
            Instant answered = clock.instant();
            if (error.isPresent()) {
                int failed = failures.merge(webhook.id(), 1, Integer::sum);
                Duration delay = WebhookRetries.delayAfter(failed);
                nextAttempt.put(webhook.id(), answered.plus(delay));
                webhooks.saveStatus(webhook.id(), status.failed(answered, error.get()));
                LOGGER.warn("Webhook {} ({}) refused {} events, failure {} in a row, next attempt in {}: {}",
                    webhook.id(), WebhookUrls.forLogs(webhook.url()), head.size(), failed, delay, error.get());
                return;
            }
            outbox.acknowledge(webhook.id(), head.get(head.size() - 1).position());
            webhooks.saveStatus(webhook.id(), status.succeeded(answered));
            failures.remove(webhook.id());
            if (head.size() < BATCH) {
                return;
            }
        }
    }

    /**
     * Whether this node may POST or acknowledge the webhook's events now: it is not stopping, it holds the lease,
     * renewed now for longer than a POST lasts (HttpWebhookSender's bounded wait), so that no other node takes the
     * webhook over while this one POSTs and acknowledges; and the webhook was neither deleted nor changed (its events
     * would go to another URL, or under another secret).
     */
    private boolean mayPost(Webhook webhook) {
        if (closing) {
            return false;
        }
        if (!leases.hold(webhook.id(), node, LEASE)) {
            leaseChecks.put(webhook.id(), new Lease(false, clock.instant()));
            return false;
        }
        return webhooks.known().orElse(List.of()).contains(webhook);
    }

    /**
     * Acknowledges, without POSTing, the events at the head of the outbox appended before {@code limit}: the outbox is
     * in the order of appending, so they are all at its head. Each acknowledgement is made under a renewed lease.
     */
    private void dropExpired(Webhook webhook, Instant limit) {
        long dropped = 0;
        for (int reads = 0; reads < EXPIRED_READS; reads++) {
            List<OutboxEntry> head = outbox.head(webhook.id(), EXPIRED_AT_ONCE);
            int expired = 0;
            while (expired < head.size() && head.get(expired).appendedAt().isBefore(limit)) {
                expired++;
            }
            if (expired == 0 || reads > 0 && !mayPost(webhook)) {
                break;
            }
            outbox.acknowledge(webhook.id(), head.get(expired - 1).position());
            dropped += expired;
            if (expired < head.size()) {
                break;
            }
        }
        if (dropped > 0) {
            WebhookStatus status = webhooks.status(webhook.id());
            webhooks.saveStatus(webhook.id(), status.droppedEvents(dropped));
            droppedEvents.addAndGet(dropped);
            LOGGER.error("Webhook {} ({}) did not accept {} events within {} of their recording: they are dropped; "
                + "the last error: {}", webhook.id(), WebhookUrls.forLogs(webhook.url()), dropped, WebhookRetries.GIVE_UP_AFTER,
                status.lastFailure().map(WebhookStatus.Failure::error).orElse("none"));
        }
    }

    /** Events dropped since start, not accepted within 24 hours, every webhook together. */
    public long droppedEvents() {
        return droppedEvents.get();
    }

    /**
     * Moves what waits in memory to the outbox, lets the POSTs under way end (starting no other), and gives the leases
     * up, for another node to take at once: until then, no other node may POST what this one is POSTing.
     */
    public void close() {
        closing = true;
        try {
            sink.close();
            sink.moveToOutbox(outbox);
        } catch (RuntimeException e) {
            LOGGER.error("{} webhook events could not reach the store before the stop and are lost: {}", sink.waiting(), e.getMessage());
        }
        if (sink.waiting() > 0) {
            LOGGER.warn("{} webhook events recorded during the stop are not POSTed", sink.waiting());
        }
        Instant deadline = Instant.now().plus(LEASE);
        while (!inFlight.isEmpty() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        leaseChecks.forEach((id, lease) -> {
            if (lease.held) {
                try {
                    leases.release(id, node);
                } catch (RuntimeException e) {
                    LOGGER.warn("The lease of webhook {} could not be given up; it expires in {}", id, LEASE);
                }
            }
        });
    }
}
