package org.smtpplus.smtp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.smtpplus.core.notification.NotificationSender;
import org.smtpplus.core.notification.NotificationTemplate;

/** Hands nothing to a mail system: keeps what it was given. */
final class RecordingNotificationSender implements NotificationSender {
    private final List<List<String>> recipients = new CopyOnWriteArrayList<>();
    private final List<NotificationTemplate.Rendered> notifications = new CopyOnWriteArrayList<>();

    @Override
    public void send(List<String> notifyAddresses, NotificationTemplate.Rendered notification) {
        recipients.add(List.copyOf(notifyAddresses));
        notifications.add(notification);
    }

    List<List<String>> recipients() {
        return List.copyOf(recipients);
    }

    List<String> subjects() {
        return notifications.stream().map(NotificationTemplate.Rendered::subject).collect(Collectors.toList());
    }
}
