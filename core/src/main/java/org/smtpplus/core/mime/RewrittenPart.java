package org.smtpplus.core.mime;

import java.util.List;

/** A text part as one recipient gets it: its header fields and its encoded body. */
final class RewrittenPart {
    private final List<HeaderField> fields;
    private final byte[] body;
    private final boolean contentFieldsChanged;

    RewrittenPart(List<HeaderField> fields, byte[] body, boolean contentFieldsChanged) {
        this.fields = fields;
        this.body = body;
        this.contentFieldsChanged = contentFieldsChanged;
    }

    List<HeaderField> fields() {
        return fields;
    }

    byte[] body() {
        return body;
    }

    /** Whether the Content-Type or Content-Transfer-Encoding field was replaced or added. */
    boolean contentFieldsChanged() {
        return contentFieldsChanged;
    }
}
