package org.smtpplus.core.feedback;

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
 * What a spam complaint (an RFC 5965 feedback report) about one copy does: the address is suppressed globally
 * ({@code complaint}), its subscriber status in the list becomes {@code complained}, and one {@code complained}
 * event is recorded. A complaint about an address already suppressed for a complaint changes nothing. May throw
 * {@link org.smtpplus.core.store.StoreUnavailableException}.
 */
public final class ComplaintRecorder {
    private final SubscriberRepository subscribers;
    private final SuppressionRepository suppressions;
    private final EventSink events;
    private final TokenEventContexts contexts;

    public ComplaintRecorder(SubscriberRepository subscribers, SuppressionRepository suppressions, EventSink events,
                             TokenEventContexts contexts) {
        this.subscribers = subscribers;
        this.suppressions = suppressions;
        this.events = events;
        this.contexts = contexts;
    }

    /** @return false when the address was suppressed for a complaint already */
    public boolean record(RecipientToken token, String feedbackType, Instant at) {
        Optional<Suppression> global = suppressions.get(token.recipient(), Optional.empty());
        if (global.filter(entry -> entry.reason() == SuppressionReason.COMPLAINT).isPresent()) {
            return false;
        }
        SubscriberStatuses.set(subscribers, token.list(), token.recipient(), SubscriberStatus.COMPLAINED, at);
        // A complaint outranks every other reason: the recipient told a mailbox provider this mail is spam.
        suppressions.add(new Suppression(token.recipient(), Optional.empty(), SuppressionReason.COMPLAINT, at));
        events.record(contexts.of(token).event(EventType.COMPLAINED, at, token.recipient())
            .diagnostic("feedback report: " + feedbackType)
            .build());
        return true;
    }
}
