package org.smtpplus.core.subscriber;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.smtpplus.core.address.EmailAddresses;

/**
 * A recipient in a subscriber list (docs/api.md#subscribers). Addresses are kept lower-case: lists are looked up by
 * the envelope recipient, whose case a sender does not control.
 */
public final class Subscriber {
    public static Builder builder(String list, String address) {
        return new Builder(list, address);
    }

    public static final class Builder {
        private final String list;
        private final String address;
        private SubscriberStatus status = SubscriberStatus.ACTIVE;
        private Map<String, String> fields = Map.of();
        private Instant firstSeen;
        private Optional<Instant> lastSent = Optional.empty();

        private Builder(String list, String address) {
            this.list = Objects.requireNonNull(list);
            this.address = EmailAddresses.normalise(Objects.requireNonNull(address));
        }

        public Builder status(SubscriberStatus status) {
            this.status = Objects.requireNonNull(status);
            return this;
        }

        public Builder fields(Map<String, String> fields) {
            this.fields = Map.copyOf(fields);
            return this;
        }

        public Builder firstSeen(Instant firstSeen) {
            this.firstSeen = Objects.requireNonNull(firstSeen);
            return this;
        }

        public Builder lastSent(Optional<Instant> lastSent) {
            this.lastSent = Objects.requireNonNull(lastSent);
            return this;
        }

        public Builder lastSent(Instant lastSent) {
            return lastSent(Optional.of(lastSent));
        }

        public Subscriber build() {
            return new Subscriber(this);
        }
    }

    private final String list;
    private final String address;
    private final SubscriberStatus status;
    private final Map<String, String> fields;
    private final Instant firstSeen;
    private final Optional<Instant> lastSent;

    private Subscriber(Builder builder) {
        this.list = builder.list;
        this.address = builder.address;
        this.status = builder.status;
        this.fields = new TreeMap<>(builder.fields);
        this.firstSeen = Objects.requireNonNull(builder.firstSeen, "firstSeen");
        this.lastSent = builder.lastSent;
    }

    public String list() {
        return list;
    }

    public String address() {
        return address;
    }

    public SubscriberStatus status() {
        return status;
    }

    /** Merge fields of this recipient, sorted by name. */
    public Map<String, String> fields() {
        return java.util.Collections.unmodifiableMap(fields);
    }

    public Instant firstSeen() {
        return firstSeen;
    }

    public Optional<Instant> lastSent() {
        return lastSent;
    }

    public Builder toBuilder() {
        return builder(list, address).status(status).fields(fields).firstSeen(firstSeen).lastSent(lastSent);
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Subscriber) {
            Subscriber that = (Subscriber) o;
            return list.equals(that.list) && address.equals(that.address) && status == that.status
                && fields.equals(that.fields) && firstSeen.equals(that.firstSeen) && lastSent.equals(that.lastSent);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(list, address, status, fields, firstSeen, lastSent);
    }

    @Override
    public String toString() {
        return "Subscriber{" + list + "/" + address + ", " + status.asJson() + ", fields=" + fields
            + ", firstSeen=" + firstSeen + ", lastSent=" + lastSent.orElse(null) + "}";
    }
}
