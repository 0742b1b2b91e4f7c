package org.smtpplus.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpplus.smtp.PlanLimitHookFixture.notASubmission;
import static org.smtpplus.smtp.PlanLimitHookFixture.submission;
import static org.smtpplus.smtp.Replies.assertDeclined;
import static org.smtpplus.smtp.Replies.assertPermanent;

import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.usage.MonthlyUsage;

/** The end of DATA: the count, and what James's answer after this hook does to it. */
class PlanLimitHookDataTest {
    private static final String VERP = "bounces+sometoken@" + PlanLimitHookFixture.BOUNCE_DOMAIN;

    private final PlanLimitHookFixture fixture = new PlanLimitHookFixture();
    private final FakeSmtpSession session = fixture.session();

    @Test
    void countsOneCopyPerRecipientOutsideTheBounceDomainAndItsSizeForEach() throws Exception {
        HookResult result = submit(submission(1000, "ann@example.com", "bob@example.com", VERP));

        assertDeclined(result);
        assertThat(fixture.usageOf("shop")).isEqualTo(new MonthlyUsage("shop", PlanLimitHookFixture.NOVEMBER, 2, 2000));
    }

    @Test
    void reportsGoOutOnlyOnceJamesQueuedTheMail() throws Exception {
        submit(submission(1000, "ann@example.com", "bob@example.com"));
        assertThat(fixture.notifications.subjects()).as("before James queued it").isEmpty();

        HookResult queued = fixture.laterHookAnswers(session, HookResult.OK);

        assertThat(queued).isSameAs(HookResult.OK);
        assertThat(fixture.notifications.subjects()).last().asString().isEqualTo("Usage of account shop: 50% of the plan for 2026-11");
        assertThat(fixture.notifications.recipients()).allSatisfy(to -> assertThat(to).containsExactly("it@shop.example"));
    }

    @Test
    void aMessageJamesDidNotQueueIsGivenBackUnreported() throws Exception {
        fixture.alreadyUsed("shop", 1, 500);
        submit(submission(1000, "ann@example.com", "bob@example.com"));
        assertThat(fixture.usageOf("shop").messages()).isEqualTo(3);

        HookResult notQueued = fixture.laterHookAnswers(session, HookResult.DENYSOFT);

        assertThat(notQueued).isSameAs(HookResult.DENYSOFT);
        assertThat(fixture.usageOf("shop")).isEqualTo(new MonthlyUsage("shop", PlanLimitHookFixture.NOVEMBER, 1, 500));
        assertThat(fixture.notifications.subjects()).isEmpty();
    }

    @Test
    void mailThatIsNoSubmissionIsNotCounted() throws Exception {
        HookResult result = submit(notASubmission(1000, "ann@example.com", "bob@example.com"));
        fixture.laterHookAnswers(session, HookResult.OK);

        assertDeclined(result);
        assertThat(fixture.usageOf("shop").messages()).isZero();
        assertThat(fixture.notifications.subjects()).isEmpty();
    }

    @Test
    void aMessageOfMoreCopiesThanTheRoomLeftIsRefusedAtDataAndReportedOnce() throws Exception {
        assertDeclined(fixture.mailFrom(session));
        for (String recipient : List.of("ann@example.com", "bob@example.com", "cid@example.com")) {
            assertDeclined(fixture.rcpt(session, recipient));
        }
        // Another connection takes two copies after the RCPTs looked: the session's view of the plan is stale.
        fixture.alreadyUsed("shop", 2, 2000);

        HookResult result = fixture.data(session, submission(1000, "ann@example.com", "bob@example.com", "cid@example.com"));

        assertPermanent(result, "550", "5.7.1").contains("3 copies").contains("4 messages").contains("2026-12-01T00:00:00Z");
        assertThat(fixture.usageOf("shop").messages()).isEqualTo(2);
        assertThat(fixture.notifications.subjects()).singleElement().asString().contains("a message was refused");

        // The same message again on a new connection, straight to DATA: refused again, but reported only once a month.
        FakeSmtpSession again = fixture.session();
        assertPermanent(fixture.data(again, submission(1000, "ann@example.com", "bob@example.com", "cid@example.com")),
            "550", "5.7.1").contains("3 copies");
        assertThat(fixture.usageOf("shop").messages()).isEqualTo(2);
        assertThat(fixture.notifications.subjects()).hasSize(1);
    }

    private HookResult submit(Mail mail) {
        assertDeclined(fixture.mailFrom(session));
        for (MailAddress recipient : mail.getRecipients()) {
            if (recipient.getDomain().asString().equals(PlanLimitHookFixture.BOUNCE_DOMAIN)) {
                // BounceDomainRcptHook, before this hook, answers OK for a valid bounce domain address.
                session.addRecipient(recipient);
            } else {
                assertDeclined(fixture.rcpt(session, recipient.asString()));
            }
        }
        return fixture.data(session, mail);
    }
}
