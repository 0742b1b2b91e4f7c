package org.smtpplus.core.event;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up recorded events ({@code GET /smtpplus/events}, docs/api.md#events-and-reports).
 */
public interface EventQuery {
    /**
     * The newest events first, at most {@code limit}, matching every filter given. Recipients match whatever
     * their case, as subscriber lists compare them. An event matches {@code uniqueArgs} when it has each of its keys
     * with exactly its value (keys and values compared as they are); an empty map matches every event.
     */
    List<DeliveryEvent> find(Optional<String> recipient, Optional<String> messageId, Optional<String> customId,
                             Map<String, String> uniqueArgs, int limit);

    /** {@link #find(Optional, Optional, Optional, Map, int)} without a uniqueArgs filter. */
    default List<DeliveryEvent> find(Optional<String> recipient, Optional<String> messageId, Optional<String> customId, int limit) {
        return find(recipient, messageId, customId, Map.of(), limit);
    }
}
