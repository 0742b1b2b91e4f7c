package org.smtpplus.core.feedback;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.smtpplus.core.event.EventSink;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.subscriber.SubscriberRepository;
import org.smtpplus.core.subscriber.SubscriberStatus;
import org.smtpplus.core.suppression.Suppression;
import org.smtpplus.core.suppression.SuppressionReason;
import org.smtpplus.core.suppression.SuppressionRepository;
import org.smtpplus.core.token.RecipientToken;

/**
 * Unsubscribes the recipient a token names from the token's list (docs/api.md#public-endpoints), whether it came by the
 * one-click POST or by mail: the subscriber's status becomes {@code unsubscribed}, the address is suppressed for the
 * list, and one {@code unsubscribed} event is recorded. Doing it again changes nothing (RFC 8058 section 3.2: the
 * POST may be repeated). May throw {@link org.smtpplus.core.store.StoreUnavailableException}.
 */
public final class Unsubscriber {
    /** What an unsubscribe request did. */
    public enum Outcome {
        UNSUBSCRIBED,
        ALREADY_UNSUBSCRIBED
    }

    private final SubscriberRepository subscribers;
    private final SuppressionRepository suppressions;
    private final EventSink events;
    private final TokenEventContexts contexts;
    private final Clock clock;

    public Unsubscriber(SubscriberRepository subscribers, SuppressionRepository suppressions, EventSink events,
                        TokenEventContexts contexts, Clock clock) {
        this.subscribers = subscribers;
        this.suppressions = suppressions;
        this.events = events;
        this.contexts = contexts;
        this.clock = clock;
    }

    /** Whether the recipient the token names is suppressed for the token's list: what {@link #unsubscribe} leaves. */
    public boolean isUnsubscribed(RecipientToken token) {
        return suppressions.get(token.recipient(), Optional.of(token.list())).isPresent();
    }

    public Outcome unsubscribe(RecipientToken token) {
        if (isUnsubscribed(token)) {
            return Outcome.ALREADY_UNSUBSCRIBED;
        }
        Optional<String> list = Optional.of(token.list());
        Instant now = clock.instant();
        SubscriberStatuses.set(subscribers, token.list(), token.recipient(), SubscriberStatus.UNSUBSCRIBED, now);
        // The suppression goes last of the store writes: it is what marks the request as done, so that a request
        // cut short by an outage is done whole when repeated.
        suppressions.add(new Suppression(token.recipient(), list, SuppressionReason.UNSUBSCRIBE, now));
        events.record(contexts.of(token).event(EventType.UNSUBSCRIBED, now, token.recipient()).build());
        return Outcome.UNSUBSCRIBED;
    }
}
