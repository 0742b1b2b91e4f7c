package org.smtpplus.core.webhook;

import java.util.List;

/**
 * The events waiting for each webhook, in the order they were appended, until the receiver accepts them. With the
 * Cassandra store they survive restarts and are shared by every node; one node at a time reads a webhook's
 * ({@link WebhookLeases}).
 */
public interface WebhookOutbox {
    /** Appends the events' JSON, in this order, after every event appended before. */
    void append(String webhookId, List<String> events);

    /** The oldest events not yet acknowledged, at most {@code max}, oldest first. */
    List<OutboxEntry> head(String webhookId, int max);

    /** Removes the entries up to and including the one at {@code position}, one of {@link #head}'s. */
    void acknowledge(String webhookId, String position);

    /** How many events wait (an estimate when events are being appended meanwhile). */
    long backlog(String webhookId);

    /** Forgets every event of a deleted webhook. */
    void clear(String webhookId);
}
