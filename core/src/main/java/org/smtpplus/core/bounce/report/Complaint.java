package org.smtpplus.core.bounce.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An RFC 5965 feedback report (ARF) of a mailbox provider: a recipient marked the message as spam, fraud or a virus.
 * Reports of type {@code not-spam} and {@code auth-failure} are not complaints and never come as one.
 */
public final class Complaint extends InboundReport {
    private final String feedbackType;
    private final Optional<String> originalRecipient;
    private final Optional<String> originalMailFrom;
    private final Map<String, List<String>> originalHeaders;

    Complaint(String feedbackType, Optional<String> originalRecipient, Optional<String> originalMailFrom,
              Map<String, List<String>> originalHeaders) {
        this.feedbackType = Objects.requireNonNull(feedbackType, "feedbackType");
        this.originalRecipient = Objects.requireNonNull(originalRecipient, "originalRecipient");
        this.originalMailFrom = Objects.requireNonNull(originalMailFrom, "originalMailFrom");
        this.originalHeaders = Map.copyOf(originalHeaders);
    }

    @Override
    public Kind kind() {
        return Kind.COMPLAINT;
    }

    /** RFC 5965 section 3.1 Feedback-Type in lower case: {@code abuse}, {@code fraud}, {@code virus}, {@code other}... */
    public String feedbackType() {
        return feedbackType;
    }

    /** Original-Rcpt-To, bare and lower case; providers often leave it out or redact it. */
    public Optional<String> originalRecipient() {
        return originalRecipient;
    }

    /**
     * Original-Mail-From, bare and in its own case: the return path the message was sent with, whose local part is
     * a VERP token, when the report says.
     */
    public Optional<String> originalMailFrom() {
        return originalMailFrom;
    }

    /**
     * The header of the reported message, from the report's message/rfc822 or text/rfc822-headers part: lower-case
     * field names to their unfolded values in order. Empty when the report carried no copy.
     */
    public Map<String, List<String>> originalHeaders() {
        return originalHeaders;
    }

    /** The first value of a field of the reported message's header, e.g. {@code Message-ID} or {@code List-Unsubscribe}. */
    public Optional<String> originalHeader(String name) {
        return Optional.ofNullable(originalHeaders.get(name.toLowerCase(Locale.ROOT)))
            .flatMap(values -> values.stream().findFirst());
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Complaint) {
            Complaint that = (Complaint) o;
            return feedbackType.equals(that.feedbackType) && originalRecipient.equals(that.originalRecipient)
                && originalMailFrom.equals(that.originalMailFrom) && originalHeaders.equals(that.originalHeaders);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(feedbackType, originalRecipient, originalMailFrom, originalHeaders);
    }

    @Override
    public String toString() {
        return "Complaint{" + feedbackType + ", " + originalRecipient.orElse("-") + "}";
    }
}
