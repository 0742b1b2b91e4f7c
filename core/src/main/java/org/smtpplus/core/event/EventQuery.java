package org.smtpplus.core.event;

import java.util.List;
import java.util.Optional;

/**
 * Looks up recorded events ({@code GET /smtpplus/events}, docs/api.md#events-and-reports).
 */
public interface EventQuery {
    /**
     * The newest events first, at most {@code limit}, matching every filter given. Recipients match whatever
     * their case, as subscriber lists compare them.
     */
    List<DeliveryEvent> find(Optional<String> recipient, Optional<String> messageId, Optional<String> customId, int limit);
}
