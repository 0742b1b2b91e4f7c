package org.smtpplus.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpplus.smtp.PlanLimitHookFixture.SHOP;
import static org.smtpplus.smtp.Replies.assertDeclined;
import static org.smtpplus.smtp.Replies.assertPermanent;

import java.util.Optional;

import org.apache.james.protocols.smtp.hook.HookResult;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.account.Plan;

class PlanLimitHookMailFromTest {
    private final PlanLimitHookFixture fixture = new PlanLimitHookFixture();
    private final FakeSmtpSession session = fixture.session();

    @Test
    void aMailFromWithRoomLeftIsLeftToTheOtherHooks() {
        fixture.alreadyUsed("shop", 3, 3000);

        assertDeclined(fixture.mailFrom(session));
    }

    @Test
    void aUsedUpPlanIsRefusedAtMailFromNamingTheLimitAndTheReset() {
        fixture.alreadyUsed("shop", 4, 4000);

        HookResult result = fixture.mailFrom(session);

        assertPermanent(result, "550", "5.7.1").contains("4 messages").contains("2026-12-01T00:00:00Z");
        assertThat(fixture.notifications.subjects()).singleElement().asString().contains("a message was refused");
    }

    @Test
    void aMailFromAfterTheOperatorLoweredTheUsageIsAccepted() {
        fixture.alreadyUsed("shop", 4, 4000);
        assertPermanent(fixture.mailFrom(session), "550", "5.7.1");

        fixture.alreadyUsed("shop", -1, -1000);

        assertDeclined(fixture.mailFrom(session));
    }

    @Test
    void aMailFromAfterTheOperatorRaisedThePlanIsAccepted() {
        fixture.alreadyUsed("shop", 4, 4000);
        assertPermanent(fixture.mailFrom(session), "550", "5.7.1");

        fixture.accounts.save(SHOP.toBuilder().plan(new Plan(Optional.of(10L), Optional.empty())).build());

        assertDeclined(fixture.mailFrom(session));
    }
}
