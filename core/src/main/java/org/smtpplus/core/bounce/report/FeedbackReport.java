package org.smtpplus.core.bounce.report;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the fields of an RFC 5965 message/feedback-report part into a {@link Complaint}. */
final class FeedbackReport {
    // RFC 5965 section 7.3 registers not-spam: the recipient says the message is wanted. RFC 6591 auth-failure
    // reports a failed SPF, DKIM or DMARC check to the domain owner, not a recipient's complaint.
    private static final Set<String> NOT_COMPLAINTS = Set.of("not-spam", "auth-failure");

    /**
     * @param originalMessage the text of the report's third part, a message/rfc822 or text/rfc822-headers
     */
    static InboundReport read(String report, Optional<String> originalMessage) {
        HeaderFields fields = HeaderFields.parse(report);
        Optional<String> feedbackType = fields.first("Feedback-Type").map(FeedbackReport::firstToken);
        if (feedbackType.isEmpty() || feedbackType.get().isEmpty()) {
            return new Unrecognised("feedback report without a Feedback-Type");
        }
        if (NOT_COMPLAINTS.contains(feedbackType.get())) {
            return new Unrecognised("feedback report of type " + feedbackType.get() + " is no complaint");
        }
        return new Complaint(feedbackType.get(),
            fields.first("Original-Rcpt-To").flatMap(BareAddresses::ofMailbox),
            fields.first("Original-Mail-From").flatMap(BareAddresses::asWritten),
            originalMessage.map(HeaderFields::parseHeaderOf).map(HeaderFields::asMap).orElse(Map.of()));
    }

    private static String firstToken(String value) {
        return value.trim().split("[\\s;(]", 2)[0].toLowerCase(Locale.ROOT);
    }

    private FeedbackReport() {
    }
}
