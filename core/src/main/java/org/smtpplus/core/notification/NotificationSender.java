package org.smtpplus.core.notification;

import java.util.List;
import java.util.Optional;

/**
 * Hands a notification of the relay to its mail system, addressed to an account's {@code notify} addresses.
 */
public interface NotificationSender {
    /**
     * A plain-text notification.
     *
     * @throws RuntimeException when the mail could not be handed over
     */
    default void send(List<String> notifyAddresses, NotificationTemplate.Rendered notification) {
        send(notifyAddresses, notification, Optional.empty());
    }

    /**
     * The notification with the attachment, when there is one, after its text (a {@code multipart/mixed} mail, RFC 2046
     * section 5.1.3).
     *
     * @throws RuntimeException when the mail could not be handed over
     */
    void send(List<String> notifyAddresses, NotificationTemplate.Rendered notification, Optional<NotificationAttachment> attachment);
}
