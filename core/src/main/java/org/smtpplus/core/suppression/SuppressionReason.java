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

    public String asJson() {
        return name().toLowerCase(Locale.ROOT);
    }
}
