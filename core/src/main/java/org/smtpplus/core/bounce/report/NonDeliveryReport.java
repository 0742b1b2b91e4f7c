package org.smtpplus.core.bounce.report;

import java.util.List;
import java.util.Objects;

import org.smtpplus.core.bounce.RecipientFailure;

/** A bounce: the message could not be delivered to the recipients it lists, each classified. */
public final class NonDeliveryReport extends InboundReport {
    private final List<RecipientFailure> failures;

    /** @param failures at least one */
    public NonDeliveryReport(List<RecipientFailure> failures) {
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("A non-delivery report names at least one failure");
        }
        this.failures = List.copyOf(failures);
    }

    @Override
    public Kind kind() {
        return Kind.BOUNCE;
    }

    /** In the order of the report; never empty. */
    public List<RecipientFailure> failures() {
        return failures;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NonDeliveryReport && failures.equals(((NonDeliveryReport) o).failures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(failures);
    }

    @Override
    public String toString() {
        return "NonDeliveryReport" + failures;
    }
}
