package org.smtpplus.core.webhook;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Records every event in the event store, and queues it in memory when a webhook may ask for it: when one of the
 * webhooks last read matches it, or before the webhooks could be read at all. The dispatcher's thread moves the queue
 * to the outbox ({@link #moveToOutbox}): there the webhooks are read, the events matched and written as JSON, so that
 * no mail thread waits for the store or spends time on webhooks. While the store is down the queue holds up to
 * {@value #MAX_WAITING} events, then drops the newest, counted and logged.
 *
 * <p>Each event's JSON is the one of {@code /smtpplus/events} plus its {@code id}, the same for the same event, so
 * that a receiver can tell an event it has already had from a new one (delivery is at least once).
 */
public final class WebhookEventSink implements EventSink {
    static final int MAX_WAITING = 100_000;
    private static final int MOVED_AT_ONCE = 10_000;
    private static final int APPENDED_AT_ONCE = WebhookDispatcher.BATCH;
    private static final Logger LOGGER = LoggerFactory.getLogger(WebhookEventSink.class);

    private final EventSink events;
    private final RecentWebhooks webhooks;
    private final DeliveryEventJson eventJson = new DeliveryEventJson();
    private final BlockingQueue<DeliveryEvent> waiting;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong afterClose = new AtomicLong();
    private volatile boolean closed;
    // each webhook's events matched but not yet appended; read and written by the one thread that moves events
    private final Map<String, List<String>> unsaved = new LinkedHashMap<>();

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
            Optional<List<Webhook>> known = webhooks.known();
            if (known.isPresent() && known.get().stream().noneMatch(webhook -> webhook.matches(event))) {
                return;
            }
            if (closed) {
                // James's own stop can still process mail after this node's webhooks stopped
                if (afterClose.getAndIncrement() % 1_000 == 0) {
                    LOGGER.warn("The webhooks stopped with the relay: event {} of {} will not be POSTed ({} so far)",
                        event.type().asJson(), event.messageId(), afterClose.get());
                }
                return;
            }
            if (!waiting.offer(event) && dropped.getAndIncrement() % 10_000 == 0) {
                LOGGER.error("{} events wait for the webhooks' store: event {} of {} is dropped ({} so far)",
                    waiting.size(), event.type().asJson(), event.messageId(), dropped.get());
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
     * Appends the waiting events to the outbox of each webhook that asks for them, in the order they were recorded.
     * Called by one thread at a time.
     *
     * @return how many events were appended, a webhook's count for each webhook
     * @throws RuntimeException when the webhooks or the outbox could not be read or written: what was not appended
     *                          waits for the next call
     */
    public synchronized int moveToOutbox(WebhookOutbox outbox) {
        int moved = 0;
        while (true) {
            if (unsaved.isEmpty()) {
                List<Webhook> current = webhooks.refreshed();
                List<DeliveryEvent> batch = new ArrayList<>();
                waiting.drainTo(batch, MOVED_AT_ONCE);
                if (batch.isEmpty()) {
                    return moved;
                }
                for (DeliveryEvent event : batch) {
                    String json = null;
                    for (Webhook webhook : current) {
                        if (webhook.matches(event)) {
                            json = json == null ? json(event) : json;
                            unsaved.computeIfAbsent(webhook.id(), id -> new ArrayList<>()).add(json);
                        }
                    }
                }
            }
            Iterator<Map.Entry<String, List<String>>> appends = unsaved.entrySet().iterator();
            while (appends.hasNext()) {
                Map.Entry<String, List<String>> append = appends.next();
                List<String> jsons = append.getValue();
                // a chunk at a time, each forgotten once written: a failure appends again only what was not written
                while (!jsons.isEmpty()) {
                    List<String> chunk = jsons.subList(0, Math.min(APPENDED_AT_ONCE, jsons.size()));
                    outbox.append(append.getKey(), List.copyOf(chunk));
                    moved += chunk.size();
                    chunk.clear();
                }
                appends.remove();
            }
        }
    }

    /** Queues no more events: those recorded from now on are not POSTed, and logged. */
    public void close() {
        closed = true;
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
