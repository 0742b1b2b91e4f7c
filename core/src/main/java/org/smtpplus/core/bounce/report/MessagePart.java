package org.smtpplus.core.bounce.report;

import java.util.Optional;

/** A leaf of a report's MIME tree: its type and, for text and message types, its decoded text (capped). */
final class MessagePart {
    private final String mimeType;
    private final Optional<String> parentReportType;
    private final int position;
    private final String text;

    MessagePart(String mimeType, Optional<String> parentReportType, int position, String text) {
        this.mimeType = mimeType;
        this.parentReportType = parentReportType;
        this.position = position;
        this.text = text;
    }

    /** Lower case, e.g. {@code message/delivery-status}. */
    String mimeType() {
        return mimeType;
    }

    /** The report-type, lower case, when the part is a direct child of a multipart/report. */
    Optional<String> parentReportType() {
        return parentReportType;
    }

    /** Its index among its siblings; 0 for the body of a message that is not multipart. */
    int position() {
        return position;
    }

    /** Empty for types that are neither text nor message. */
    String text() {
        return text;
    }
}
