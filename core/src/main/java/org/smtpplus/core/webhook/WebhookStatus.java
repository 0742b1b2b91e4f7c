package org.smtpplus.core.webhook;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a webhook's deliveries go: the last accepted POST, the last failed one and what failed, since when its POSTs have
 * been failing (until the next accepted one), and how many events were dropped, not accepted within
 * {@link WebhookRetries#GIVE_UP_AFTER} of their recording.
 */
public final class WebhookStatus {
    public static final WebhookStatus NEW = new WebhookStatus(Optional.empty(), Optional.empty(), Optional.empty(), 0);

    /** A failed POST: when, and the error (a status code and the start of the answer, or the exception). */
    public static final class Failure {
        private final Instant at;
        private final String error;

        public Failure(Instant at, String error) {
            this.at = Objects.requireNonNull(at);
            this.error = Objects.requireNonNull(error);
        }

        public Instant at() {
            return at;
        }

        public String error() {
            return error;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Failure && at.equals(((Failure) o).at) && error.equals(((Failure) o).error);
        }

        @Override
        public int hashCode() {
            return Objects.hash(at, error);
        }
    }

    private final Optional<Instant> lastSuccessAt;
    private final Optional<Failure> lastFailure;
    private final Optional<Instant> failingSince;
    private final long dropped;

    public WebhookStatus(Optional<Instant> lastSuccessAt, Optional<Failure> lastFailure, Optional<Instant> failingSince,
                         long dropped) {
        this.lastSuccessAt = Objects.requireNonNull(lastSuccessAt);
        this.lastFailure = Objects.requireNonNull(lastFailure);
        this.failingSince = Objects.requireNonNull(failingSince);
        this.dropped = dropped;
    }

    public WebhookStatus succeeded(Instant at) {
        return new WebhookStatus(Optional.of(at), lastFailure, Optional.empty(), dropped);
    }

    public WebhookStatus failed(Instant at, String error) {
        return new WebhookStatus(lastSuccessAt, Optional.of(new Failure(at, error)), Optional.of(failingSince.orElse(at)), dropped);
    }

    public WebhookStatus droppedEvents(long events) {
        return new WebhookStatus(lastSuccessAt, lastFailure, failingSince, dropped + events);
    }

    public Optional<Instant> lastSuccessAt() {
        return lastSuccessAt;
    }

    public Optional<Failure> lastFailure() {
        return lastFailure;
    }

    public Optional<Instant> failingSince() {
        return failingSince;
    }

    public long dropped() {
        return dropped;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof WebhookStatus) {
            WebhookStatus that = (WebhookStatus) o;
            return lastSuccessAt.equals(that.lastSuccessAt) && lastFailure.equals(that.lastFailure)
                && failingSince.equals(that.failingSince) && dropped == that.dropped;
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lastSuccessAt, lastFailure, failingSince, dropped);
    }

    @Override
    public String toString() {
        return "WebhookStatus{lastSuccessAt=" + lastSuccessAt + ", lastFailure=" + lastFailure.map(Failure::error)
            + ", failingSince=" + failingSince + ", dropped=" + dropped + "}";
    }
}
