package org.smtpplus.core.bounce;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a bounce says about its recipient (docs/api.md#bounces): {@code hard} the address is bad, {@code soft} it
 * may work later, {@code block} the receiver refused the message for policy or spam reasons (never suppresses).
 */
public enum BounceType {
    HARD,
    SOFT,
    BLOCK;

    public static Optional<BounceType> fromJson(String value) {
        return Arrays.stream(values())
            .filter(type -> type.asJson().equals(value))
            .findFirst();
    }

    public String asJson() {
        return name().toLowerCase(Locale.ROOT);
    }
}
