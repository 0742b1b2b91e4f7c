package org.smtpplus.core.bounce.report;

import java.util.Objects;

/** A mail that is none of the other kinds, or could not be read: a human reply, a report of another type, garbage. */
public final class Unrecognised extends InboundReport {
    private final String reason;

    Unrecognised(String reason) {
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Kind kind() {
        return Kind.UNRECOGNISED;
    }

    /** Why, for a log line. */
    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Unrecognised && reason.equals(((Unrecognised) o).reason);
    }

    @Override
    public int hashCode() {
        return reason.hashCode();
    }

    @Override
    public String toString() {
        return "Unrecognised{" + reason + "}";
    }
}
