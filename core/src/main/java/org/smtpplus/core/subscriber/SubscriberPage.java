package org.smtpplus.core.subscriber;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a list: its subscribers in address order, and the cursor of the next page when there is one.
 * A cursor is opaque to callers: they pass it back as they got it.
 */
public final class SubscriberPage {
    private final List<Subscriber> subscribers;
    private final Optional<String> nextCursor;

    public SubscriberPage(List<Subscriber> subscribers, Optional<String> nextCursor) {
        this.subscribers = List.copyOf(subscribers);
        this.nextCursor = Objects.requireNonNull(nextCursor);
    }

    public List<Subscriber> subscribers() {
        return subscribers;
    }

    public Optional<String> nextCursor() {
        return nextCursor;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof SubscriberPage) {
            SubscriberPage that = (SubscriberPage) o;
            return subscribers.equals(that.subscribers) && nextCursor.equals(that.nextCursor);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(subscribers, nextCursor);
    }

    @Override
    public String toString() {
        return "SubscriberPage{" + subscribers + ", next=" + nextCursor.orElse(null) + "}";
    }
}
