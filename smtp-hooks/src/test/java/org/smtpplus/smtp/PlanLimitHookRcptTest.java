package org.smtpplus.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpplus.smtp.PlanLimitHookFixture.submission;
import static org.smtpplus.smtp.Replies.assertDeclined;
import static org.smtpplus.smtp.Replies.assertPermanent;
import static org.smtpplus.smtp.Replies.assertTemporary;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.event.EventType;

/** Two copies left of four: the third recipient does not fit. */
class PlanLimitHookRcptTest {
    private final PlanLimitHookFixture fixture = new PlanLimitHookFixture();
    private final FakeSmtpSession session = fixture.session();

    @BeforeEach
    void twoOfFourUsed() {
        fixture.alreadyUsed("shop", 2, 2000);
        assertDeclined(fixture.mailFrom(session));
    }

    @Test
    void recipientsThatFitAreAcceptedAndTheFirstBeyondThePlanIsRefused() {
        assertDeclined(fixture.rcpt(session, "ann@example.com"));
        assertDeclined(fixture.rcpt(session, "bob@example.com"));

        HookResult third = fixture.rcpt(session, "cid@example.com");

        assertPermanent(third, "550", "5.7.1").contains("Recipient 3").contains("4 messages").contains("2026-12-01T00:00:00Z");
        assertThat(fixture.events.recorded()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.REJECTED);
            assertThat(event.recipient()).isEqualTo("cid@example.com");
            assertThat(event.status()).hasValue("5.7.1");
        });
    }

    @Test
    void theMessageOfTheRecipientsThatFitIsNotAcceptedInPart() throws Exception {
        fixture.rcpt(session, "ann@example.com");
        fixture.rcpt(session, "bob@example.com");
        assertPermanent(fixture.rcpt(session, "cid@example.com"), "550", "5.7.1");

        HookResult result = fixture.data(session, submission(1000, "ann@example.com", "bob@example.com"));
        // James hands this hook's own refusal to the HookResultHooks too.
        fixture.hook.onHookResult(session, result, 1, fixture.hook);

        assertPermanent(result, "550", "5.7.1").contains("not accepted in part");
        assertThat(fixture.usageOf("shop").messages()).isEqualTo(2);
        assertThat(fixture.usageOf("shop").bytes()).isEqualTo(2000);
    }

    @Test
    void aNullSenderMailFromAfterARefusedRecipientStillRefusesTheMessageWhole() throws Exception {
        fixture.rcpt(session, "ann@example.com");
        fixture.rcpt(session, "bob@example.com");
        assertPermanent(fixture.rcpt(session, "cid@example.com"), "550", "5.7.1");
        // James keeps the recipients of a transaction whose second MAIL FROM it refused (503); a null sender skips
        // this hook's MAIL FROM check
        assertDeclined(fixture.hook.doMail(session, MaybeSender.nullSender()));

        HookResult result = fixture.data(session, submission(1000, "ann@example.com", "bob@example.com"));

        assertPermanent(result, "550", "5.7.1").contains("not accepted in part");
        assertThat(fixture.usageOf("shop").messages()).isEqualTo(2);
    }

    @Test
    void aRecipientTheStoreCouldNotCheckMakesTheWholeMessageWait() throws Exception {
        fixture.rcpt(session, "ann@example.com");
        fixture.rcpt(session, "bob@example.com");
        fixture.usage.down();
        assertTemporary(fixture.rcpt(session, "cid@example.com"), "451", "4.3.0");
        fixture.usage.up();

        HookResult result = fixture.data(session, submission(1000, "ann@example.com", "bob@example.com"));

        assertTemporary(result, "451", "4.3.0");
        assertThat(fixture.usageOf("shop").messages()).isEqualTo(2);
    }
}
