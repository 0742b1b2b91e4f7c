package org.smtpplus.core.event;

import java.util.Locale;

/**
 * The delivery steps of docs/api.md#events-and-reports, one event per recipient copy.
 */
public enum EventType {
    ACCEPTED,
    SCHEDULED,
    SENT,
    DEFERRED,
    BOUNCED,
    SUPPRESSED,
    UNSUBSCRIBED,
    COMPLAINED,
    REJECTED,
    OPENED,
    CLICKED;

    public String asJson() {
        return name().toLowerCase(Locale.ROOT);
    }
}
