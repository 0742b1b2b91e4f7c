package org.smtpplus.core.suppression;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

public enum SuppressionReason {
    HARD_BOUNCE,
    SOFT_BOUNCE,
    UNSUBSCRIBE,
    COMPLAINT,
    MANUAL;

    public static Optional<SuppressionReason> fromJson(String value) {
        return Arrays.stream(values())
            .filter(reason -> reason.asJson().equals(value))
            .findFirst();
    }

    /** Whether the suppression is a choice of the recipient or the sender, not a verdict of a receiving system. */
    public boolean isListManagement() {
        return this == UNSUBSCRIBE || this == MANUAL;
    }

    public String asJson() {
        return name().toLowerCase(Locale.ROOT);
    }
}
