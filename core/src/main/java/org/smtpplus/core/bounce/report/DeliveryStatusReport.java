package org.smtpplus.core.bounce.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import org.smtpplus.core.bounce.EnhancedStatusCode;
import org.smtpplus.core.bounce.ReasonClassifier;
import org.smtpplus.core.bounce.RecipientFailure;
import org.smtpplus.core.bounce.SmtpReply;

/**
 * Reads the fields of an RFC 3464 message/delivery-status part (or an RFC 6533 message/global-delivery-status one):
 * a per-message group, then one group per recipient, blank lines between them.
 */
final class DeliveryStatusReport {
    // RFC 3464 section 2.3.3
    private static final String FAILED = "failed";
    private static final String DELAYED = "delayed";
    private static final Set<String> DELIVERED = Set.of("delivered", "relayed", "expanded");

    static InboundReport read(String fields, ReasonClassifier classifier) {
        List<RecipientStatus> recipients = HeaderFields.parseGroups(fields).stream()
            .filter(DeliveryStatusReport::isPerRecipient)
            .map(RecipientStatus::of)
            .flatMap(Optional::stream)
            .collect(Collectors.toList());
        List<RecipientFailure> failures = recipients.stream()
            .filter(recipient -> recipient.action.equals(FAILED))
            .map(recipient -> recipient.failure(classifier))
            .collect(Collectors.toList());
        if (!failures.isEmpty()) {
            return new NonDeliveryReport(failures);
        }
        if (recipients.stream().anyMatch(recipient -> recipient.action.equals(DELAYED))) {
            return DeliveryNotice.delayed(finalRecipients(recipients, Set.of(DELAYED)));
        }
        if (recipients.stream().anyMatch(recipient -> DELIVERED.contains(recipient.action))) {
            return DeliveryNotice.delivered(finalRecipients(recipients, DELIVERED));
        }
        return new Unrecognised("delivery-status report names no recipient with an Action and a Status");
    }

    /** A group without these fields is the per-message one: Reporting-MTA, Arrival-Date... */
    private static boolean isPerRecipient(HeaderFields group) {
        return group.has("Final-Recipient") || group.has("Action") || group.has("Status");
    }

    private static List<String> finalRecipients(List<RecipientStatus> recipients, Set<String> actions) {
        return recipients.stream()
            .filter(recipient -> actions.contains(recipient.action))
            .flatMap(recipient -> recipient.finalRecipient.stream())
            .collect(Collectors.toList());
    }

    private static final class RecipientStatus {
        private final String action;
        private final Optional<String> finalRecipient;
        private final Optional<String> originalRecipient;
        private final EnhancedStatusCode status;
        private final String diagnostic;

        /** @return empty when neither the Status nor the Diagnostic-Code gives a status (RFC 3464 section 2.3.4) */
        private static Optional<RecipientStatus> of(HeaderFields group) {
            String diagnostic = group.first("Diagnostic-Code").map(DeliveryStatusReport::withoutDiagnosticType)
                .map(Diagnostics::tidy)
                .orElse("");
            return status(group.first("Status"), diagnostic).map(status -> new RecipientStatus(
                group.first("Action").map(DeliveryStatusReport::firstWord).orElseGet(() -> impliedAction(status)),
                group.first("Final-Recipient").flatMap(BareAddresses::ofTypedAddress),
                group.first("Original-Recipient").flatMap(BareAddresses::ofTypedAddress),
                status,
                diagnostic));
        }

        /** A Status of only its class gives way to a more specific code the receiver's reply carries. */
        private static Optional<EnhancedStatusCode> status(Optional<String> statusField, String diagnostic) {
            Optional<EnhancedStatusCode> given = statusField.flatMap(EnhancedStatusCode::firstIn);
            if (given.isPresent() && !given.get().isUnspecific()) {
                return given;
            }
            Optional<EnhancedStatusCode> specific = EnhancedStatusCode.firstSpecificFailureIn(diagnostic);
            if (specific.isPresent()) {
                return specific;
            }
            if (given.isPresent()) {
                return given;
            }
            OptionalInt reply = SmtpReply.codeAtStart(diagnostic);
            return reply.isPresent()
                ? Optional.of(EnhancedStatusCode.unspecific(reply.getAsInt() / 100))
                : Optional.empty();
        }

        /** RFC 3464 section 2.3.4 ties the status class to the action. */
        private static String impliedAction(EnhancedStatusCode status) {
            switch (status.statusClass()) {
                case 5:
                    return FAILED;
                case 4:
                    return DELAYED;
                default:
                    return "delivered";
            }
        }

        private RecipientStatus(String action, Optional<String> finalRecipient, Optional<String> originalRecipient,
                                EnhancedStatusCode status, String diagnostic) {
            this.action = action;
            this.finalRecipient = finalRecipient;
            this.originalRecipient = originalRecipient;
            this.status = status;
            this.diagnostic = diagnostic;
        }

        private RecipientFailure failure(ReasonClassifier classifier) {
            Optional<String> statusText = Optional.of(status.toString());
            return new RecipientFailure(finalRecipient, originalRecipient, statusText, diagnostic,
                classifier.classify(statusText, diagnostic).reason());
        }
    }

    /** RFC 3464 section 2.3.6: diagnostic-type ";" text, e.g. {@code smtp; 550 5.1.1 ...} */
    private static String withoutDiagnosticType(String diagnosticCode) {
        return diagnosticCode.replaceFirst("^\\s*[A-Za-z0-9-]+\\s*;\\s*", "");
    }

    private static String firstWord(String value) {
        String trimmed = value.trim().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        return trimmed.substring(0, end);
    }

    private DeliveryStatusReport() {
    }
}
