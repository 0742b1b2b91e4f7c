package org.smtpplus.core.feedback;

import java.util.Map;

import org.smtpplus.core.bounce.Bounce;

/**
 * The merge tags of the mail each bounce sends to its account's {@code notify} addresses
 * ({@code bounce-notification.template}): {@code {{recipient}}, {{type}}, {{reason}}, {{status}}, {{diagnostic}}, {{at}},
 * {{account}}, {{messageId}}}.
 */
public final class BounceNotificationValues {
    public static final String TEMPLATE = "bounce-notification.template";

    public static Map<String, String> of(Bounce bounce) {
        return Map.of(
            "recipient", bounce.recipient(),
            "type", bounce.type().asJson(),
            "reason", bounce.reason().asJson(),
            "status", bounce.status().orElse("none"),
            "diagnostic", bounce.diagnostic(),
            "at", bounce.at().toString(),
            "account", bounce.account(),
            "messageid", bounce.messageId());
    }

    private BounceNotificationValues() {
    }
}
