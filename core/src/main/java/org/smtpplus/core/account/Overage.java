package org.smtpplus.core.account;

import java.util.Arrays;
import java.util.Optional;

/**
 * What happens to messages once the plan of the month is used up (docs/api.md#accounts).
 */
public enum Overage {
    BLOCK("block"),
    ALLOW("allow");

    public static Optional<Overage> fromJson(String value) {
        return Arrays.stream(values()).filter(overage -> overage.json.equals(value)).findFirst();
    }

    private final String json;

    Overage(String json) {
        this.json = json;
    }

    public String asJson() {
        return json;
    }
}
