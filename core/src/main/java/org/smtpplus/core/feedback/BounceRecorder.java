package org.smtpplus.core.feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.bounce.BounceRepository;
import org.smtpplus.core.bounce.BounceType;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.event.EventSink;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.subscriber.SubscriberRepository;
import org.smtpplus.core.subscriber.SubscriberStatus;
import org.smtpplus.core.suppression.Suppression;
import org.smtpplus.core.suppression.SuppressionReason;
import org.smtpplus.core.suppression.SuppressionRepository;

/**
 * What a classified bounce of one copy does (docs/api.md), whether a remote MTA reported it to the copy's VERP
 * address or the relay's own delivery met it: it joins the bounce list, is recorded as a {@code bounced} event, and
 * suppresses the address globally when {@code hard}, or when {@code soft} for the {@link #SOFT_BOUNCES_TO_SUPPRESS}th
 * message within {@link #SOFT_BOUNCE_PERIOD}. A {@code block} never suppresses: the receiver refused the sender, not
 * the address. A second report about the same copy changes nothing. May throw
 * {@link org.smtpplus.core.store.StoreUnavailableException}.
 */
public final class BounceRecorder {
    public static final int SOFT_BOUNCES_TO_SUPPRESS = 3;
    public static final Duration SOFT_BOUNCE_PERIOD = Duration.ofDays(30);

    private final BounceRepository bounces;
    private final SuppressionRepository suppressions;
    private final SubscriberRepository subscribers;
    private final EventSink events;

    public BounceRecorder(BounceRepository bounces, SuppressionRepository suppressions, SubscriberRepository subscribers,
                          EventSink events) {
        this.bounces = bounces;
        this.suppressions = suppressions;
        this.subscribers = subscribers;
        this.events = events;
    }

    /**
     * Every step is idempotent, so a report handled again after an outage cut it short is completed, not doubled:
     * the bounce list decides whose report is the copy's bounce (one across nodes), and a report retried with the
     * same {@code at} is recognised as that one, so its event (the same id, counted once) and its notification are
     * not lost. The suppression follows the list, which then counts this bounce itself.
     *
     * @param at when the report was first handled: the same for every try of one report
     * @return the copy's bounce when this report is it, empty when the copy had bounced already (a repeated report: no
     *         event, nothing to notify)
     */
    public Optional<Bounce> record(EventContext context, String recipient, BounceReason reason, Optional<String> status,
                                   String diagnostic, Instant at) {
        Bounce bounce = new Bounce(recipient, reason, status, diagnostic, at, context.account(), context.messageId());
        boolean recorded = bounces.record(bounce);
        // A repeated report completes what the first one started, as the first one said it.
        Bounce kept = recorded ? bounce : bounces.get(bounce.recipient(), bounce.messageId()).orElse(bounce);
        boolean ours = recorded || kept.at().equals(bounce.at());
        if (ours) {
            DeliveryEvent.Builder event = context.event(EventType.BOUNCED, kept.at(), kept.recipient())
                .diagnostic(kept.diagnostic())
                .reason(kept.reason().asJson());
            kept.status().ifPresent(event::status);
            events.record(event.build());
        }
        suppressionFor(kept).ifPresent(this::suppress);
        if (kept.type() == BounceType.HARD) {
            SubscriberStatuses.set(subscribers, context.list(), kept.recipient(), SubscriberStatus.BOUNCED, kept.at());
        }
        return ours ? Optional.of(kept) : Optional.empty();
    }

    private Optional<Suppression> suppressionFor(Bounce bounce) {
        switch (bounce.type()) {
            case HARD:
                return Optional.of(new Suppression(bounce.recipient(), Optional.empty(), SuppressionReason.HARD_BOUNCE, bounce.at()));
            case SOFT:
                // The bounce list holds this bounce already, so it counts itself.
                int messages = bounces.softBouncedMessagesSince(bounce.recipient(), bounce.at().minus(SOFT_BOUNCE_PERIOD));
                return messages >= SOFT_BOUNCES_TO_SUPPRESS
                    ? Optional.of(new Suppression(bounce.recipient(), Optional.empty(), SuppressionReason.SOFT_BOUNCE, bounce.at()))
                    : Optional.empty();
            case BLOCK:
            default:
                return Optional.empty();
        }
    }

    // An address already suppressed globally keeps its first reason: a complaint or a manual entry says more than a
    // bounce that followed it.
    private void suppress(Suppression suppression) {
        if (suppressions.get(suppression.address(), Optional.empty()).isEmpty()) {
            suppressions.add(suppression);
        }
    }
}
