package org.smtpplus.core.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.DeliveryEventJson;
import org.smtpplus.core.event.EventSink;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Records every event in the event store, and queues it in memory for each webhook that asks for it; the dispatcher's
 * thread moves the queue into the outbox ({@link #moveToOutbox}), so that no mail thread waits for the store. While
 * the store is down the queue holds up to {@value #MAX_WAITING} events, then drops the newest, counted and logged.
 *
 * <p>Each event's JSON is the one of {@code /smtpplus/events} plus its {@code id}, the same for the same event, so
 * that a receiver can tell an event it has already had from a new one (delivery is at least once).
 */
public final class WebhookEventSink implements EventSink {
    static final int MAX_WAITING = 100_000;
    private static final int MOVED_AT_ONCE = 10_000;
    private static final Logger LOGGER = LoggerFactory.getLogger(WebhookEventSink.class);

    private static final class Waiting {
        private final String webhookId;
        private final String json;

        private Waiting(String webhookId, String json) {
            this.webhookId = webhookId;
            this.json = json;
        }
    }

    private final EventSink events;
    private final RecentWebhooks webhooks;
    private final DeliveryEventJson eventJson = new DeliveryEventJson();
    private final BlockingQueue<Waiting> waiting;
    private final AtomicLong dropped = new AtomicLong();
    // read and written by the one thread that moves events to the outbox
    private final List<Waiting> moving = new ArrayList<>();

    public WebhookEventSink(EventSink events, RecentWebhooks webhooks) {
        this(events, webhooks, MAX_WAITING);
    }

    WebhookEventSink(EventSink events, RecentWebhooks webhooks, int maxWaiting) {
        this.events = events;
        this.webhooks = webhooks;
        this.waiting = new ArrayBlockingQueue<>(maxWaiting);
    }

    @Override
    public void record(DeliveryEvent event) {
        events.record(event);
        try {
            String json = null;
            for (Webhook webhook : webhooks.recent()) {
                if (webhook.matches(event)) {
                    json = json == null ? json(event) : json;
                    if (!waiting.offer(new Waiting(webhook.id(), json)) && dropped.getAndIncrement() % 10_000 == 0) {
                        LOGGER.error("{} webhook events wait for the store: event {} of {} for webhook {} is dropped ({} so far)",
                            MAX_WAITING, event.type().asJson(), event.messageId(), webhook.id(), dropped.get());
                    }
                }
            }
        } catch (RuntimeException e) {
            // never fail the mail that made the event
            LOGGER.error("Event {} of {} could not be queued for the webhooks", event.type().asJson(), event.messageId(), e);
        }
    }

    private String json(DeliveryEvent event) {
        ObjectNode node = eventJson.toJsonNode(event);
        node.put("id", event.id());
        return node.toString();
    }

    /**
     * Appends the waiting events to the outbox, in the order they were recorded. Called by one thread at a time.
     *
     * @return how many were appended
     * @throws RuntimeException when the outbox failed: the events it did not take wait for the next call
     */
    public int moveToOutbox(WebhookOutbox outbox) {
        int moved = 0;
        while (true) {
            if (moving.isEmpty()) {
                waiting.drainTo(moving, MOVED_AT_ONCE);
                if (moving.isEmpty()) {
                    return moved;
                }
            }
            Map<String, List<String>> byWebhook = new LinkedHashMap<>();
            moving.forEach(event -> byWebhook.computeIfAbsent(event.webhookId, id -> new ArrayList<>()).add(event.json));
            for (Map.Entry<String, List<String>> webhook : byWebhook.entrySet()) {
                outbox.append(webhook.getKey(), webhook.getValue());
                moving.removeIf(event -> event.webhookId.equals(webhook.getKey()));
                moved += webhook.getValue().size();
            }
        }
    }

    /** Events queued and not yet taken by {@link #moveToOutbox}. */
    public long waiting() {
        return waiting.size();
    }

    /** Events dropped since start, the queue being full. */
    public long dropped() {
        return dropped.get();
    }
}
