package org.smtpplus.core.subscriber;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A validated {@code PUT /smtpplus/lists/{list}/subscribers/{address}} body: the fields and the status to set, each
 * when the body gives it.
 */
public final class SubscriberUpdate {
    private final Optional<Map<String, String>> fields;
    private final Optional<SubscriberStatus> status;

    public SubscriberUpdate(Optional<Map<String, String>> fields, Optional<SubscriberStatus> status) {
        this.fields = fields.map(TreeMap::new);
        this.status = Objects.requireNonNull(status);
    }

    /**
     * When given, they replace all the subscriber's fields.
     */
    public Optional<Map<String, String>> fields() {
        return fields;
    }

    public Optional<SubscriberStatus> status() {
        return status;
    }

    /**
     * Changes {@code existing}, or creates the subscriber: {@code active} unless the body says otherwise, first seen
     * {@code now}, never sent to.
     *
     * @throws InvalidSubscriberException when the list or the address of the path is not valid
     */
    public Subscriber applyTo(Optional<Subscriber> existing, String list, String address, Instant now)
            throws InvalidSubscriberException {
        SubscriberValues.checkList(list);
        SubscriberValues.checkAddress("address", address);
        Subscriber.Builder subscriber = start(existing, list, address, now);
        fields.ifPresent(subscriber::fields);
        status.ifPresent(subscriber::status);
        return subscriber.build();
    }

    /**
     * Merges a line of an import into {@code existing}, or creates the subscriber as {@link #applyTo} does. Fields
     * replace those of the same name, whatever their case, and leave the others; the status changes only when the
     * line gives one, so that an import never resubscribes an address that unsubscribed or bounced.
     */
    public Subscriber applyImportTo(Optional<Subscriber> existing, String list, String address, Instant now) {
        Subscriber.Builder subscriber = start(existing, list, address, now);
        Map<String, String> merged = new TreeMap<>(existing.map(Subscriber::fields).orElse(Map.of()));
        fields.ifPresent(given -> given.forEach((name, value) -> {
            merged.keySet().removeIf(known -> SubscriberValues.caseKey(known).equals(SubscriberValues.caseKey(name)));
            merged.put(name, value);
        }));
        status.ifPresent(subscriber::status);
        return subscriber.fields(merged).build();
    }

    private static Subscriber.Builder start(Optional<Subscriber> existing, String list, String address, Instant now) {
        return existing.map(Subscriber::toBuilder)
            .orElseGet(() -> Subscriber.builder(list, address).firstSeen(now));
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof SubscriberUpdate) {
            SubscriberUpdate that = (SubscriberUpdate) o;
            return fields.equals(that.fields) && status.equals(that.status);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields, status);
    }

    @Override
    public String toString() {
        return "SubscriberUpdate{fields=" + fields.map(Object::toString).orElse("keep")
            + ", status=" + status.map(SubscriberStatus::asJson).orElse("keep") + "}";
    }
}
