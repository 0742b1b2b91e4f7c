package org.smtpplus.core.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMTPPLUS_STORE=memory: each webhook's events in a queue of this JVM, gone at restart. A receiver down for long
 * cannot fill the heap: past {@value #MAX_EVENTS} events waiting for one webhook, the oldest are dropped, and logged.
 */
public final class MemoryWebhookOutbox implements WebhookOutbox {
    // about 1 KB each: 100 MB for a webhook whose receiver has been down while the relay sent 100,000 copies
    static final int MAX_EVENTS = 100_000;
    private static final Logger LOGGER = LoggerFactory.getLogger(MemoryWebhookOutbox.class);

    private static final class Queue {
        private final Deque<OutboxEntry> entries = new ArrayDeque<>();
        private long dropped;
    }

    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    // one sequence for every webhook: a position is never used twice, even by a webhook deleted and made again while
    // a delivery of the old one acknowledges
    private final AtomicLong next = new AtomicLong();
    private final Clock clock;
    private final int maxEvents;

    public MemoryWebhookOutbox(Clock clock) {
        this(clock, MAX_EVENTS);
    }

    MemoryWebhookOutbox(Clock clock, int maxEvents) {
        this.clock = clock;
        this.maxEvents = maxEvents;
    }

    @Override
    public void append(String webhookId, List<String> events) {
        Queue queue = queues.computeIfAbsent(webhookId, id -> new Queue());
        Instant now = clock.instant();
        synchronized (queue) {
            for (String event : events) {
                queue.entries.addLast(new OutboxEntry(Long.toString(next.getAndIncrement()), event, now));
                if (queue.entries.size() > maxEvents) {
                    queue.entries.removeFirst();
                    if (queue.dropped++ % 10_000 == 0) {
                        LOGGER.error("Webhook {} has {} events waiting, the most the memory store keeps: its oldest are "
                            + "dropped ({} so far). Is its receiver down?", webhookId, maxEvents, queue.dropped);
                    }
                }
            }
        }
    }

    @Override
    public List<OutboxEntry> head(String webhookId, int max) {
        Queue queue = queues.get(webhookId);
        if (queue == null) {
            return List.of();
        }
        synchronized (queue) {
            List<OutboxEntry> head = new ArrayList<>(Math.min(max, queue.entries.size()));
            Iterator<OutboxEntry> entries = queue.entries.iterator();
            while (head.size() < max && entries.hasNext()) {
                head.add(entries.next());
            }
            return head;
        }
    }

    @Override
    public void acknowledge(String webhookId, String position) {
        long last = Long.parseLong(position);
        Queue queue = queues.get(webhookId);
        if (queue == null) {
            return;
        }
        synchronized (queue) {
            while (!queue.entries.isEmpty() && Long.parseLong(queue.entries.peekFirst().position()) <= last) {
                queue.entries.removeFirst();
            }
        }
    }

    @Override
    public long backlog(String webhookId) {
        Queue queue = queues.get(webhookId);
        if (queue == null) {
            return 0;
        }
        synchronized (queue) {
            return queue.entries.size();
        }
    }

    @Override
    public void clear(String webhookId) {
        queues.remove(webhookId);
    }
}
