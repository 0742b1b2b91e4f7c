package org.smtpplus.core.notification;

import java.util.Objects;

/**
 * A file a notification carries after its text, such as the month's bounce list of a monthly report: a name for the
 * reader's disk, a MIME content type with its parameters, and the bytes, held in memory (the notification's producer
 * caps them).
 */
public final class NotificationAttachment {
    private final String filename;
    private final String contentType;
    private final byte[] content;

    /**
     * @param filename    plain ASCII without a path, such as {@code bounces-shop-2026-11.csv}
     * @param contentType such as {@code text/csv; charset=utf-8}
     */
    public NotificationAttachment(String filename, String contentType, byte[] content) {
        this.filename = Objects.requireNonNull(filename, "filename");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.content = Objects.requireNonNull(content, "content").clone();
    }

    public String filename() {
        return filename;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] content() {
        return content.clone();
    }

    @Override
    public String toString() {
        return "NotificationAttachment{" + filename + ", " + contentType + ", " + content.length + " bytes}";
    }
}
