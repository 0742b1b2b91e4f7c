package org.smtpplus.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpplus.smtp.PlanLimitHookFixture.submissionOf;
import static org.smtpplus.smtp.Replies.assertDeclined;

import java.util.List;

import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.usage.UncountedUsage;

/** An account without a plan has nothing to enforce, but what it sends is counted all the same. */
class PlanLimitHookWithoutPlanTest {
    private final PlanLimitHookFixture fixture = new PlanLimitHookFixture();
    private final FakeSmtpSession session = FakeSmtpSession.authenticatedAs("free");

    @BeforeEach
    void freeAccount() {
        fixture.accounts.save(Account.builder("free").notifyAddresses(List.of("it@free.example")).build());
    }

    @Test
    void isCountedAtData() throws Exception {
        HookResult result = submit(submissionOf("free", 1000, "ann@example.com", "bob@example.com"));

        assertDeclined(result);
        assertThat(fixture.usageOf("free").messages()).isEqualTo(2);
        assertThat(fixture.usageOf("free").bytes()).isEqualTo(2000);
    }

    @Test
    void isGivenBackWhenJamesDidNotQueueTheMail() throws Exception {
        submit(submissionOf("free", 1000, "ann@example.com", "bob@example.com"));

        fixture.laterHookAnswers(session, HookResult.DENYSOFT);

        assertThat(fixture.usageOf("free").messages()).isZero();
        assertThat(fixture.usageOf("free").bytes()).isZero();
    }

    @Test
    void isAcceptedDuringAStoreOutageAndCarriesWhatItCounts() throws Exception {
        fixture.usage.down();
        Mail mail = submissionOf("free", 1000, "ann@example.com", "bob@example.com");

        HookResult result = submit(mail);

        assertDeclined(result);
        assertThat(MailAttributes.uncountedUsageOf(mail)).contains(UncountedUsage.parse("2026-11 2 2000"));
        // Nothing was counted, so nothing is given back when James does not queue it after all.
        fixture.usage.up();
        fixture.laterHookAnswers(session, HookResult.DENYSOFT);
        assertThat(fixture.usageOf("free").messages()).isZero();
    }

    private HookResult submit(Mail mail) {
        assertDeclined(fixture.mailFrom(session));
        mail.getRecipients().forEach(recipient -> assertDeclined(fixture.rcpt(session, recipient.asString())));
        return fixture.data(session, mail);
    }
}
