package org.smtpplus.smtp;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.account.Overage;
import org.smtpplus.core.account.Plan;
import org.smtpplus.core.event.MemoryEventStore;
import org.smtpplus.core.notification.RecordingNotificationSender;
import org.smtpplus.core.bounce.MemoryBounceRepository;
import org.smtpplus.core.notification.MemorySentNotificationRepository;
import org.smtpplus.core.notification.NotificationTemplate;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.core.token.TokenAddresses;
import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.usage.MemoryUsageRepository;
import org.smtpplus.core.usage.MonthlyUsage;
import org.smtpplus.core.usage.UsageMeter;
import org.smtpplus.core.usage.UsageReports;
import org.smtpplus.core.usage.UsageRepository;

/**
 * A {@link PlanLimitHook} on the real core objects (memory stores, the built-in report template, a clock fixed in
 * November 2026), and the steps of an SMTP transaction as James drives the hook through them.
 */
final class PlanLimitHookFixture {
    static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");
    static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    static final String BOUNCE_DOMAIN = "bounces.example";
    /** Four recipient copies a month, nothing beyond. */
    static final Account SHOP = Account.builder("shop")
        .plan(new Plan(Optional.of(4L), Optional.empty()))
        .overage(Overage.BLOCK)
        .notifyAddresses(List.of("it@shop.example"))
        .build();

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final RecipientTokens TOKENS = new RecipientTokens("49d81216a7de88d082ea8314f0265f91f38ef421442f4249262e79a87c648cb1",
        new TokenAddresses(BOUNCE_DOMAIN, domain -> false), URI.create("http://localhost:8090"));

    /** Stands for James's SendMailHandler, the end-of-DATA hook after this one that queues the mail. */
    static final JamesMessageHook SEND_MAIL_HANDLER = (session, mail) -> HookResult.OK;

    final MemoryAccountRepository accounts = new MemoryAccountRepository();
    final StoreOutage<UsageRepository> usage = StoreOutage.of(UsageRepository.class, new MemoryUsageRepository());
    final RecordingNotificationSender notifications = new RecordingNotificationSender();
    final MemoryEventStore events = new MemoryEventStore();
    final SessionAccounts sessionAccounts = new SessionAccounts(accounts,
        MemoryUsersRepository.withoutVirtualHosting(new MemoryDomainList(null)));
    final PlanLimitHook hook;

    PlanLimitHookFixture() {
        UsageReports reports = new UsageReports(new MemorySentNotificationRepository(), notifications,
            NotificationTemplate.builtIn(UsageReports.TEMPLATE), new MemoryBounceRepository(), CLOCK, Runnable::run);
        hook = new PlanLimitHook(sessionAccounts, new UsageMeter(usage.port(), CLOCK), reports, new SubmissionEvents(events, CLOCK), TOKENS);
        accounts.save(SHOP);
    }

    /** Account shop after AUTH. */
    FakeSmtpSession session() {
        return FakeSmtpSession.authenticatedAs(SHOP.name());
    }

    HookResult mailFrom(FakeSmtpSession session) {
        // AuthorizedSenderHook, the first MAIL FROM hook, makes every MAIL FROM read the account afresh: a refused
        // MAIL FROM does not end the transaction whose account SessionAccounts keeps.
        sessionAccounts.forget(session);
        return hook.doMail(session, MaybeSender.of(address("news@shop.example")));
    }

    /** A RCPT the hooks let through joins the transaction, as James adds it after them. */
    HookResult rcpt(FakeSmtpSession session, String recipient) {
        HookResult result = hook.doRcpt(session, MaybeSender.of(address("news@shop.example")), address(recipient));
        if (result.getResult().getAction() == HookReturnCode.Action.DECLINED) {
            session.addRecipient(address(recipient));
        }
        return result;
    }

    /** The end of DATA: this hook's answer, before the later hooks'. */
    HookResult data(FakeSmtpSession session, Mail mail) {
        return hook.onMessage(session, mail);
    }

    /** A later end-of-DATA hook answered {@code result}; James hands it to every HookResultHook. */
    HookResult laterHookAnswers(FakeSmtpSession session, HookResult result) {
        return hook.onHookResult(session, result, 1, SEND_MAIL_HANDLER);
    }

    /** A submission of account shop as SubmissionHook marks it, of {@code size} bytes. */
    static Mail submission(long size, String... recipients) throws MessagingException {
        return submissionOf(SHOP.name(), size, recipients);
    }

    static Mail submissionOf(String account, long size, String... recipients) throws MessagingException {
        Mail mail = mail(size, recipients).build();
        MailAttributes.setAccount(mail, account);
        return mail;
    }

    /** Mail SubmissionHook did not mark: inbound mail, no submission. */
    static Mail notASubmission(long size, String... recipients) throws MessagingException {
        return mail(size, recipients).build();
    }

    private static FakeMail.Builder mail(long size, String... recipients) throws MessagingException {
        List<MailAddress> addresses = new ArrayList<>();
        for (String recipient : recipients) {
            addresses.add(new MailAddress(recipient));
        }
        return FakeMail.builder().name("mail-1").sender("news@shop.example").recipients(addresses).size(size);
    }

    /** What others sent, or an operator corrected, this month: counted directly. */
    void alreadyUsed(String account, long messages, long bytes) {
        usage.working().add(account, NOVEMBER, messages, bytes);
    }

    MonthlyUsage usageOf(String account) {
        return usage.working().get(account, NOVEMBER);
    }

    static MailAddress address(String address) {
        try {
            return new MailAddress(address);
        } catch (AddressException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
