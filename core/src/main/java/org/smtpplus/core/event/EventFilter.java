package org.smtpplus.core.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which events a report counts ({@code GET /smtpplus/stats?customId=&account=&tag=&from=&to=}): every filter given
 * must match; {@code from} is inclusive, {@code to} exclusive.
 */
public final class EventFilter {
    public static final EventFilter ALL = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Optional<String> customId = Optional.empty();
        private Optional<String> account = Optional.empty();
        private Optional<String> tag = Optional.empty();
        private Optional<Instant> from = Optional.empty();
        private Optional<Instant> to = Optional.empty();

        private Builder() {
        }

        public Builder customId(Optional<String> customId) {
            this.customId = Objects.requireNonNull(customId);
            return this;
        }

        public Builder account(Optional<String> account) {
            this.account = Objects.requireNonNull(account);
            return this;
        }

        public Builder tag(Optional<String> tag) {
            this.tag = Objects.requireNonNull(tag);
            return this;
        }

        public Builder from(Optional<Instant> from) {
            this.from = Objects.requireNonNull(from);
            return this;
        }

        public Builder to(Optional<Instant> to) {
            this.to = Objects.requireNonNull(to);
            return this;
        }

        public EventFilter build() {
            return new EventFilter(customId, account, tag, from, to);
        }
    }

    private final Optional<String> customId;
    private final Optional<String> account;
    private final Optional<String> tag;
    private final Optional<Instant> from;
    private final Optional<Instant> to;

    private EventFilter(Optional<String> customId, Optional<String> account, Optional<String> tag,
                        Optional<Instant> from, Optional<Instant> to) {
        this.customId = customId;
        this.account = account;
        this.tag = tag;
        this.from = from;
        this.to = to;
    }

    public Optional<String> customId() {
        return customId;
    }

    public Optional<String> account() {
        return account;
    }

    public Optional<String> tag() {
        return tag;
    }

    public Optional<Instant> from() {
        return from;
    }

    public Optional<Instant> to() {
        return to;
    }

    public boolean matches(DeliveryEvent event) {
        return customId.map(value -> event.customId().map(value::equals).orElse(false)).orElse(true)
            && account.map(event.account()::equals).orElse(true)
            && tag.map(event.tags()::contains).orElse(true)
            && from.map(start -> !event.at().isBefore(start)).orElse(true)
            && to.map(end -> event.at().isBefore(end)).orElse(true);
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof EventFilter) {
            EventFilter that = (EventFilter) o;
            return customId.equals(that.customId) && account.equals(that.account) && tag.equals(that.tag)
                && from.equals(that.from) && to.equals(that.to);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(customId, account, tag, from, to);
    }

    @Override
    public String toString() {
        return "EventFilter{customId=" + customId.orElse(null) + ", account=" + account.orElse(null) + ", tag="
            + tag.orElse(null) + ", from=" + from.orElse(null) + ", to=" + to.orElse(null) + "}";
    }
}
