package org.smtpplus.core.webhook;

import java.util.Objects;

/** One event waiting in a webhook's outbox: its JSON, and its place there, which only the outbox reads. */
public final class OutboxEntry {
    private final String position;
    private final String json;

    public OutboxEntry(String position, String json) {
        this.position = Objects.requireNonNull(position);
        this.json = Objects.requireNonNull(json);
    }

    public String position() {
        return position;
    }

    public String json() {
        return json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutboxEntry && position.equals(((OutboxEntry) o).position) && json.equals(((OutboxEntry) o).json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(position, json);
    }

    @Override
    public String toString() {
        return "OutboxEntry{" + position + ": " + json + "}";
    }
}
