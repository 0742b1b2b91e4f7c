package org.smtpplus.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpplus.smtp.PlanLimitHookFixture.submission;
import static org.smtpplus.smtp.Replies.assertDeclined;
import static org.smtpplus.smtp.Replies.assertTemporary;

import org.junit.jupiter.api.Test;

/** Without the store the plan cannot be enforced: an account that has one is asked to try again later. */
class PlanLimitHookStoreOutageTest {
    private final PlanLimitHookFixture fixture = new PlanLimitHookFixture();
    private final FakeSmtpSession session = fixture.session();

    @Test
    void atMailFrom() {
        fixture.usage.down();

        assertTemporary(fixture.mailFrom(session), "451", "4.3.0");
    }

    @Test
    void atARecipientTheSessionCannotTellFits() {
        fixture.alreadyUsed("shop", 3, 3000);
        assertDeclined(fixture.mailFrom(session));
        assertDeclined(fixture.rcpt(session, "ann@example.com"));
        fixture.usage.down();

        assertTemporary(fixture.rcpt(session, "bob@example.com"), "451", "4.3.0");
    }

    @Test
    void atData() throws Exception {
        assertDeclined(fixture.mailFrom(session));
        assertDeclined(fixture.rcpt(session, "ann@example.com"));
        fixture.usage.down();

        assertTemporary(fixture.data(session, submission(1000, "ann@example.com")), "451", "4.3.0");

        fixture.usage.up();
        assertThat(fixture.usageOf("shop").messages()).isZero();
    }
}
