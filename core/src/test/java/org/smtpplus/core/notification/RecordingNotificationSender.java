package org.smtpplus.core.notification;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Hands nothing to a mail system: keeps what it was given, for the tests of every module. */
public final class RecordingNotificationSender implements NotificationSender {
    private final List<List<String>> recipients = new CopyOnWriteArrayList<>();
    private final List<NotificationTemplate.Rendered> notifications = new CopyOnWriteArrayList<>();
    private final List<Optional<NotificationAttachment>> attachments = new CopyOnWriteArrayList<>();

    @Override
    public void send(List<String> notifyAddresses, NotificationTemplate.Rendered notification, Optional<NotificationAttachment> attachment) {
        recipients.add(List.copyOf(notifyAddresses));
        notifications.add(notification);
        attachments.add(attachment);
    }

    /** The addresses of each notification, in the order they were sent. */
    public List<List<String>> recipients() {
        return List.copyOf(recipients);
    }

    /** Each notification, in the order they were sent. */
    public List<NotificationTemplate.Rendered> notifications() {
        return List.copyOf(notifications);
    }

    /** The attachment of each notification, empty for one without, in the order they were sent. */
    public List<Optional<NotificationAttachment>> attachments() {
        return List.copyOf(attachments);
    }

    /** The subject of each notification, in the order they were sent. */
    public List<String> subjects() {
        return notifications.stream().map(NotificationTemplate.Rendered::subject).collect(Collectors.toList());
    }
}
