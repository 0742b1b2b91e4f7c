package org.smtpplus.core.notification;

import java.util.List;

/**
 * Hands a notification of the relay to its mail system, addressed to an account's {@code notify} addresses.
 */
public interface NotificationSender {
    /**
     * @throws RuntimeException when the mail could not be handed over
     */
    void send(List<String> notifyAddresses, NotificationTemplate.Rendered notification);
}
