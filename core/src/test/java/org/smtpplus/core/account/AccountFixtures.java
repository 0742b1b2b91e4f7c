package org.smtpplus.core.account;

import java.util.List;
import java.util.Optional;

import org.smtpplus.core.merge.TextAndHtml;
import org.smtpplus.core.tracking.TrackingSettings;

/**
 * Accounts for tests, here and in the stores' modules.
 */
public final class AccountFixtures {
    /**
     * An account with every field set to a value other than its default.
     */
    public static Account fullAccount(String name) {
        return Account.builder(name)
            .passwordHash("pbkdf2-sha256$210000$c2FsdA$aGFzaA")
            .authorizedDomains(List.of("shop.example", "mail.shop.example"))
            .authorizedSenders(List.of("ops@other.example"))
            .plan(new Plan(Optional.of(50_000L), Optional.of(500L)))
            .overage(Overage.ALLOW)
            .notifyAddresses(List.of("it@shop.example", "boss@shop.example"))
            .defaultList("customers")
            .defaultCustomId("shop-1")
            .maxRecipients(20)
            .maxMessageKb(7168)
            .passthroughHeaders(List.of("X-Order-Ref", "X-Campaign"))
            .header(TextAndHtml.of("Hello {{name}}", "<p>Hello {{name}}</p>"))
            .footer(TextAndHtml.of("Bye", null))
            .ipPool("warm")
            .tracking(TrackingSettings.of(false, true))
            .build();
    }

    private AccountFixtures() {
    }
}
