package org.smtpplus.core.feedback;

import java.util.List;
import java.util.Optional;

import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.event.EventQuery;
import org.smtpplus.core.token.RecipientToken;

/**
 * The reporting keys of the copy a token names, so that its later events (bounced, unsubscribed, complained) report
 * under the same customId, tags and uniqueArgs as its accepted and sent events. A token is kept short and carries
 * account, list, message and recipient only: the rest comes from an event already recorded for the copy, when one can
 * be found.
 */
public final class TokenEventContexts {
    private final EventQuery events;

    public TokenEventContexts(EventQuery events) {
        this.events = events;
    }

    public EventContext of(RecipientToken token) {
        Optional<DeliveryEvent> earlier;
        try {
            earlier = events.find(Optional.of(token.recipient()), Optional.of(token.messageId()), Optional.empty(), 1)
                .stream().findFirst();
        } catch (RuntimeException e) {
            // Events are reports: an unreachable index must not stop an unsubscribe or a suppression.
            earlier = Optional.empty();
        }
        return earlier
            .map(event -> new EventContext(token.account(), event.customId(), event.tags(), token.list(), token.messageId(), event.size(),
                event.uniqueArgs()))
            .orElseGet(() -> new EventContext(token.account(), Optional.empty(), List.of(), token.list(), token.messageId(), 0));
    }
}
