package org.smtpplus.core.webhook;

import java.time.Duration;
import java.util.List;

/**
 * How long a webhook waits after its n-th failed POST in a row before the next: growing from 5 seconds to an hour, as
 * SendGrid and Stripe retry; an event not accepted {@link #GIVE_UP_AFTER} after its recording is dropped at the next
 * attempt (docs/webhooks.md).
 * The first delays are short so that a receiver restarted in a minute gets its events a few seconds after it is back.
 */
public final class WebhookRetries {
    public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    private static final List<Duration> DELAYS = List.of(
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
        Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30));
    private static final Duration LAST = Duration.ofHours(1);

    private WebhookRetries() {
    }

    /** The wait after {@code failures} failed attempts in a row (1 or more). */
    public static Duration delayAfter(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be 1 or more, got " + failures);
        }
        return failures <= DELAYS.size() ? DELAYS.get(failures - 1) : LAST;
    }
}
