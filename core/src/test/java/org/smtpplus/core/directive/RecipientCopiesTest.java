package org.smtpplus.core.directive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.merge.TextAndHtml;
import org.smtpplus.core.mime.CopySpec;
import org.smtpplus.core.suppression.Suppression;
import org.smtpplus.core.suppression.SuppressionReason;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.core.token.TokenAddresses;

class RecipientCopiesTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final RecipientTokens TOKENS = new RecipientTokens("ef72ab75c60b988e7095374bce668bd5462b0a8f551619f0763eac50966a9b78",
        new TokenAddresses("bounces.example.com", domain -> false), URI.create("https://relay.example/"));
    private static final Account ACCOUNT = Account.builder("shop").footer(TextAndHtml.of("ACCOUNT", "<p>ACCOUNT</p>")).build();

    private static CopySpec spec(Directive directive, ProviderExtras extras) {
        RecipientCopies copies = new RecipientCopies(ACCOUNT, directive, extras);
        return copies.specFor("ann@example.com", Map.of(), copies.tokenFor("<m1@shop.example>", "ann@example.com", NOW), TOKENS,
            Set.of());
    }

    @Test
    void theMessagesOwnFooterReplacesTheAccountsAndTheUnsubscribeTextFollowsIt() {
        ProviderExtras extras = ProviderExtras.builder()
            .footer(TextAndHtml.of("OWN", "<p>OWN</p>"))
            .unsubscribeText(TextAndHtml.of("Leave: {{unsubscribe_url}}", null))
            .build();

        assertThat(spec(Directive.EMPTY, extras).footer())
            .contains(TextAndHtml.of("OWN\nLeave: {{unsubscribe_url}}", "<p>OWN</p>"));
    }

    @Test
    void anOmittedFooterStillLeavesTheUnsubscribeText() {
        ProviderExtras extras = ProviderExtras.builder().unsubscribeText(TextAndHtml.of("Leave: {{unsubscribe_url}}", null)).build();

        assertThat(spec(Directive.builder().footer(false).build(), extras).footer())
            .contains(TextAndHtml.of("Leave: {{unsubscribe_url}}", null));
        assertThat(spec(Directive.EMPTY, ProviderExtras.NONE).footer()).contains(TextAndHtml.of("ACCOUNT", "<p>ACCOUNT</p>"));
    }

    @Test
    void bypassingListManagementPassesUnsubscribesAndManualEntriesButNotBouncesOrComplaints() {
        RecipientCopies bypassing = new RecipientCopies(ACCOUNT, Directive.EMPTY,
            ProviderExtras.builder().bypassListManagement(true).build());
        RecipientCopies usual = new RecipientCopies(ACCOUNT, Directive.EMPTY);

        for (SuppressionReason reason : SuppressionReason.values()) {
            Suppression suppression = new Suppression("ann@example.com", Optional.empty(), reason, NOW);
            assertThat(usual.suppresses(suppression)).as("%s", reason).isTrue();
            assertThat(bypassing.suppresses(suppression)).as("%s", reason)
                .isEqualTo(reason != SuppressionReason.UNSUBSCRIBE && reason != SuppressionReason.MANUAL);
        }
    }
}
