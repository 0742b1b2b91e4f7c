package org.smtpplus.core.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * One event waiting in a webhook's outbox: its JSON, when it was appended (its age decides when it is given up on,
 * {@link WebhookRetries#GIVE_UP_AFTER}), and its place there, which only the outbox reads.
 */
public final class OutboxEntry {
    private final String position;
    private final String json;
    private final Instant appendedAt;

    public OutboxEntry(String position, String json, Instant appendedAt) {
        this.position = Objects.requireNonNull(position);
        this.json = Objects.requireNonNull(json);
        this.appendedAt = Objects.requireNonNull(appendedAt);
    }

    public String position() {
        return position;
    }

    public String json() {
        return json;
    }

    public Instant appendedAt() {
        return appendedAt;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof OutboxEntry) {
            OutboxEntry that = (OutboxEntry) o;
            return position.equals(that.position) && json.equals(that.json) && appendedAt.equals(that.appendedAt);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(position, json, appendedAt);
    }

    @Override
    public String toString() {
        return "OutboxEntry{" + position + " at " + appendedAt + ": " + json + "}";
    }
}
