package org.smtpplus.core.tracking;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a copy's opens and its clicks are tracked (docs/tracking.md): an account's {@code tracking}, off by default
 * (privacy by default), which a message's directive overrides field by field ({@code track}).
 */
public final class TrackingSettings {
    public static final TrackingSettings OFF = new TrackingSettings(false, false);

    private final boolean opens;
    private final boolean clicks;

    private TrackingSettings(boolean opens, boolean clicks) {
        this.opens = opens;
        this.clicks = clicks;
    }

    public static TrackingSettings of(boolean opens, boolean clicks) {
        return opens || clicks ? new TrackingSettings(opens, clicks) : OFF;
    }

    public boolean opens() {
        return opens;
    }

    public boolean clicks() {
        return clicks;
    }

    /** These settings, each one the message's where it gives one. */
    public TrackingSettings overriddenBy(Optional<Boolean> opens, Optional<Boolean> clicks) {
        return of(opens.orElse(this.opens), clicks.orElse(this.clicks));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackingSettings && opens == ((TrackingSettings) o).opens && clicks == ((TrackingSettings) o).clicks;
    }

    @Override
    public int hashCode() {
        return Objects.hash(opens, clicks);
    }

    @Override
    public String toString() {
        return "{opens=" + opens + ", clicks=" + clicks + "}";
    }
}
