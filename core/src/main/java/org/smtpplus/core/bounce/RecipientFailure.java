package org.smtpplus.core.bounce;

import java.util.Objects;
import java.util.Optional;

/**
 * One recipient a bounce says could not be reached. The recipient the bounce is about is the one the VERP address it
 * came back to names: the final recipient here may be an alias or a forward of it, or absent from a text bounce that
 * names none.
 */
public final class RecipientFailure {
    private final Optional<String> finalRecipient;
    private final Optional<String> originalRecipient;
    private final Optional<String> status;
    private final String diagnostic;
    private final BounceReason reason;

    /**
     * @param finalRecipient    a bare address in lower case
     * @param originalRecipient a bare address in lower case
     * @param status            an RFC 3463 code such as {@code 5.1.1}
     * @param diagnostic        one line, possibly empty
     * @param reason            why it failed, which gives its {@link #type()}
     */
    public RecipientFailure(Optional<String> finalRecipient, Optional<String> originalRecipient,
                            Optional<String> status, String diagnostic, BounceReason reason) {
        this.finalRecipient = Objects.requireNonNull(finalRecipient, "finalRecipient");
        this.originalRecipient = Objects.requireNonNull(originalRecipient, "originalRecipient");
        this.status = Objects.requireNonNull(status, "status");
        this.diagnostic = Objects.requireNonNull(diagnostic, "diagnostic");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** RFC 3464 Final-Recipient, or the address a text bounce names; lower case, without angle brackets. */
    public Optional<String> finalRecipient() {
        return finalRecipient;
    }

    /** RFC 3464 Original-Recipient: the address as the sender gave it, when the report says. */
    public Optional<String> originalRecipient() {
        return originalRecipient;
    }

    /** The RFC 3463 enhanced status code; {@code X.0.0} when the bounce only gave a basic SMTP reply code. */
    public Optional<String> status() {
        return status;
    }

    /** The receiver's own words, on one line: a Diagnostic-Code without its type, or the reply a text bounce quotes. */
    public String diagnostic() {
        return diagnostic;
    }

    public BounceReason reason() {
        return reason;
    }

    public BounceType type() {
        return reason.type();
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof RecipientFailure) {
            RecipientFailure that = (RecipientFailure) o;
            return finalRecipient.equals(that.finalRecipient) && originalRecipient.equals(that.originalRecipient)
                && status.equals(that.status) && diagnostic.equals(that.diagnostic) && reason == that.reason;
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(finalRecipient, originalRecipient, status, diagnostic, reason);
    }

    @Override
    public String toString() {
        return "RecipientFailure{" + finalRecipient.orElse("-") + ", " + reason.asJson() + ", " + status.orElse("-")
            + ", " + diagnostic + "}";
    }
}
