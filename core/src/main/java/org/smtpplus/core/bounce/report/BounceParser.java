package org.smtpplus.core.bounce.report;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.smtpplus.core.bounce.ReasonClassifier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a mail that came back to a bounce (VERP) address and says what it is: a bounce with its classified
 * recipients, a delay warning or success notice, an auto-reply, a complaint, or none of these.
 *
 * <p>It never throws: a mail it cannot make sense of, garbage and truncated MIME included, is {@link Unrecognised}.
 * It reads at most the first {@value ReportMessageReader#MAX_SCANNED_BYTES} bytes, the first
 * {@value ReportMessageReader#MAX_PARTS} MIME parts, {@value ReportMessageReader#MAX_DEPTH} levels deep, and the
 * first {@value ReportMessageReader#MAX_TEXT_BYTES} bytes of each part, so any mail costs bounded memory and time.
 *
 * <p>In this order:
 * <ol>
 *     <li>a message/delivery-status part (RFC 3464), or message/global-delivery-status (RFC 6533), or a text part
 *     of a multipart/report of type delivery-status that holds its fields: per recipient, Action {@code failed} is
 *     a bounce, else {@code delayed} a delay warning, else {@code delivered}, {@code relayed} or {@code expanded} a
 *     success notice</li>
 *     <li>a message/feedback-report part (RFC 5965): a complaint, unless of type {@code not-spam} or
 *     {@code auth-failure}</li>
 *     <li>any other multipart/report (such as a read receipt): unrecognised, whatever its subject</li>
 *     <li>an auto-reply by its header (RFC 3834 {@code Auto-Submitted: auto-replied}, {@code X-Autoreply},
 *     {@code X-Autorespond}, {@code Precedence: auto_reply}) or its subject ("Out of Office", "Automatic reply:",
 *     "Abwesenheitsnotiz"...), unless it comes from a delivery daemon</li>
 *     <li>a plain-text bounce or delay warning, recognised by its sender, subject, X-Failed-Recipients and text</li>
 * </ol>
 */
public final class BounceParser {
    static final String PARSER_FAULT = "parser fault: ";
    private static final Logger LOGGER = LoggerFactory.getLogger(BounceParser.class);
    private static final Set<String> DELIVERY_STATUS_TYPES =
        Set.of("message/delivery-status", "message/global-delivery-status");
    private static final Set<String> DELIVERY_STATUS_REPORT_TYPES = Set.of("delivery-status", "global-delivery-status");
    private static final Set<String> FEEDBACK_REPORT_TYPES = Set.of("message/feedback-report");
    // RFC 5965 section 2: the third part is the reported message, or its header only
    private static final Set<String> ORIGINAL_MESSAGE_TYPES =
        Set.of("message/rfc822", "message/global", "text/rfc822-headers", "message/global-headers");
    private static final Pattern DELIVERY_STATUS_FIELD =
        Pattern.compile("^(?:final-recipient|action|status)[ \t]*:", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    /** With the built-in phrase table. */
    public static InboundReport parse(byte[] mail) {
        return parse(new ByteArrayInputStream(mail), ReasonClassifier.builtIn());
    }

    /** With the built-in phrase table; reads the stream as far as it needs, and does not close it. */
    public static InboundReport parse(InputStream mail) {
        return parse(mail, ReasonClassifier.builtIn());
    }

    /** Reads the stream as far as it needs, and does not close it. */
    public static InboundReport parse(InputStream mail, ReasonClassifier classifier) {
        try {
            return interpret(ReportMessageReader.read(mail), classifier);
        } catch (RuntimeException e) {
            LOGGER.warn("Could not interpret a mail returned to a bounce address", e);
            return new Unrecognised(PARSER_FAULT + e);
        }
    }

    private static InboundReport interpret(ReportMessage message, ReasonClassifier classifier) {
        if (message.isEmpty()) {
            return new Unrecognised(message.defect().orElse("empty mail"));
        }
        Optional<MessagePart> deliveryStatus = deliveryStatusPart(message);
        if (deliveryStatus.isPresent()) {
            return DeliveryStatusReport.read(deliveryStatus.get().text(), classifier);
        }
        Optional<MessagePart> feedbackReport = message.firstPart(FEEDBACK_REPORT_TYPES);
        if (feedbackReport.isPresent()) {
            return FeedbackReport.read(feedbackReport.get().text(),
                message.firstPart(ORIGINAL_MESSAGE_TYPES).map(MessagePart::text));
        }
        if (message.reportType().isPresent()) {
            return new Unrecognised("multipart/report of type '" + message.reportType().get()
                + "' without a delivery-status or feedback-report part");
        }
        Optional<String> autoReply = AutoReplyDetector.evidence(message.headers());
        if (autoReply.isPresent() && !TextBounceScanner.isFromDeliveryDaemon(message.headers())) {
            return new AutoReply(autoReply.get());
        }
        return TextBounceScanner.scan(message, classifier)
            .orElseGet(() -> new Unrecognised(message.defect()
                .orElse("no sign of a bounce, a delivery report, a complaint or an auto-reply")));
    }

    private static Optional<MessagePart> deliveryStatusPart(ReportMessage message) {
        return message.firstPart(DELIVERY_STATUS_TYPES)
            .or(() -> message.firstPart(BounceParser::isMislabelledDeliveryStatus));
    }

    /** Some MTAs label the delivery-status part of their report text/plain: a later text part that holds its fields. */
    private static boolean isMislabelledDeliveryStatus(MessagePart part) {
        return part.parentReportType().filter(DELIVERY_STATUS_REPORT_TYPES::contains).isPresent()
            && part.position() > 0
            && part.mimeType().startsWith("text/")
            && !ORIGINAL_MESSAGE_TYPES.contains(part.mimeType())
            && DELIVERY_STATUS_FIELD.matcher(part.text()).find();
    }

    private BounceParser() {
    }
}
