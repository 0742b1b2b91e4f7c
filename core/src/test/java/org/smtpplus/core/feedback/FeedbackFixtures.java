package org.smtpplus.core.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.token.RecipientToken;

final class FeedbackFixtures {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final String RECIPIENT = "jane@example.com";

    static RecipientToken token(String messageId) {
        return new RecipientToken("shop", "customers", messageId, RECIPIENT, NOW);
    }

    static EventContext context(String messageId) {
        return new EventContext("shop", Optional.of("cust-7"), List.of("welcome"), "customers", messageId, 1234,
            Map.of("order", "42"));
    }

    private FeedbackFixtures() {
    }
}
