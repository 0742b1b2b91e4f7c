package org.smtpplus.core.subscriber;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

public enum SubscriberStatus {
    ACTIVE,
    UNSUBSCRIBED,
    BOUNCED,
    COMPLAINED;

    public static Optional<SubscriberStatus> fromJson(String value) {
        return Arrays.stream(values())
            .filter(status -> status.asJson().equals(value))
            .findFirst();
    }

    public String asJson() {
        return name().toLowerCase(Locale.ROOT);
    }
}
