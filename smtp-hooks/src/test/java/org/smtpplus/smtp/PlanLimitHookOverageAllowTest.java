package org.smtpplus.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpplus.smtp.PlanLimitHookFixture.SHOP;
import static org.smtpplus.smtp.PlanLimitHookFixture.submission;
import static org.smtpplus.smtp.Replies.assertDeclined;

import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.account.Overage;
import org.smtpplus.core.usage.UncountedUsage;

/** With {@code overage: allow} a used-up plan refuses nothing: what goes beyond it is counted as overage. */
class PlanLimitHookOverageAllowTest {
    private final PlanLimitHookFixture fixture = new PlanLimitHookFixture();
    private final FakeSmtpSession session = fixture.session();

    @Test
    void aUsedUpPlanIsNeverRefusedAndCountsBeyondIt() throws Exception {
        fixture.accounts.save(SHOP.toBuilder().overage(Overage.ALLOW).build());
        fixture.alreadyUsed("shop", 4, 4000);

        assertDeclined(fixture.mailFrom(session));
        assertDeclined(fixture.rcpt(session, "ann@example.com"));
        assertDeclined(fixture.rcpt(session, "bob@example.com"));
        assertDeclined(fixture.data(session, submission(1000, "ann@example.com", "bob@example.com")));
        fixture.laterHookAnswers(session, HookResult.OK);

        assertThat(fixture.usageOf("shop").messages()).isEqualTo(6);
        assertThat(fixture.usageOf("shop").bytes()).isEqualTo(6000);
        assertThat(fixture.notifications.subjects()).noneMatch(subject -> subject.contains("refused"));
    }

    @Test
    void duringAStoreOutageNothingIsRefusedAndTheMailCarriesWhatItCounts() throws Exception {
        fixture.accounts.save(SHOP.toBuilder().overage(Overage.ALLOW).build());
        fixture.usage.down();
        Mail mail = submission(1000, "ann@example.com", "bob@example.com");

        assertDeclined(fixture.mailFrom(session));
        assertDeclined(fixture.rcpt(session, "ann@example.com"));
        assertDeclined(fixture.rcpt(session, "bob@example.com"));
        assertDeclined(fixture.data(session, mail));

        assertThat(MailAttributes.uncountedUsageOf(mail)).contains(UncountedUsage.parse("2026-11 2 2000"));
    }
}
