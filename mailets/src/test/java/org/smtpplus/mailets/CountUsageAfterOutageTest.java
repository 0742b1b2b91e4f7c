package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.usage.MemoryUsageRepository;
import org.smtpplus.core.usage.MonthlyUsage;
import org.smtpplus.core.usage.UncountedUsage;
import org.smtpplus.core.usage.UsageMeter;
import org.smtpplus.core.usage.UsageRepository;

class CountUsageAfterOutageTest {
    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    // A month later than the one the mail was accepted in: it counts where it was accepted.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T00:00:05Z"), ZoneOffset.UTC);

    private final MemoryUsageRepository stored = new MemoryUsageRepository();
    // counting fails during an outage; reading what was counted stays possible, as the test needs
    private final StoreOutage<UsageRepository> usage = StoreOutage.of(UsageRepository.class, stored);
    private FakeMailContext context;
    private CountUsageAfterOutage mailet;

    @BeforeEach
    void setUp() throws Exception {
        context = FakeMailContext.defaultContext();
        mailet = new CountUsageAfterOutage(new UsageMeter(usage.port(), CLOCK));
        mailet.init(FakeMailetConfig.builder().mailetName("CountUsageAfterOutage").mailetContext(context).build());
    }

    @Test
    void countsIntoTheMonthTheMailWasAcceptedInOnce() throws Exception {
        Mail mail = submission(new UncountedUsage(OCTOBER, 3, 30_000));

        mailet.service(mail);
        mailet.service(mail);

        assertThat(stored.get("shop", OCTOBER)).isEqualTo(new MonthlyUsage("shop", OCTOBER, 3, 30_000));
        assertThat(MailAttributes.uncountedUsageOf(mail)).isEmpty();
        assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
    }

    @Test
    void mailCountedAtSmtpTimePasses() throws Exception {
        Mail mail = FakeMail.builder().name("m1").build();
        MailAttributes.setAccount(mail, "shop");

        mailet.service(mail);

        assertThat(stored.get("shop", OCTOBER).messages()).isZero();
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void duringAnOutageTheMailWaitsAndIsCountedWhenItComesBack() throws Exception {
        Mail mail = submission(new UncountedUsage(OCTOBER, 2, 2_000));
        mail.setState("smtpplus");
        usage.downFor("add");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        FakeMailContext.SentMail retried = context.getSentMails().get(0);
        assertThat(retried.getState()).isEqualTo("smtpplus");
        assertThat(retried.getDelay()).contains(new FakeMailContext.Delay(10_000, TimeUnit.MILLISECONDS));
        Mail comingBack = FakeMail.builder().name("m1").attributes(retried.getAttributes().values()).state(retried.getState()).build();
        assertThat(MailAttributes.uncountedUsageOf(comingBack)).isPresent();

        usage.up();
        mailet.service(comingBack);

        assertThat(stored.get("shop", OCTOBER)).isEqualTo(new MonthlyUsage("shop", OCTOBER, 2, 2_000));
    }

    private static Mail submission(UncountedUsage uncounted) throws Exception {
        Mail mail = FakeMail.builder().name("m1").build();
        MailAttributes.setAccount(mail, "shop");
        MailAttributes.setUncountedUsage(mail, uncounted);
        return mail;
    }

    @Test
    void anUnknownParameterFailsInit() {
        CountUsageAfterOutage unconfigured = new CountUsageAfterOutage(new UsageMeter(stored, CLOCK));

        assertThatThrownBy(() -> unconfigured.init(FakeMailetConfig.builder().mailetName("CountUsageAfterOutage")
            .mailetContext(context)
            .setProperty("retryDelays", "1 second")
            .build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Unexpected init parameters found: [retryDelays]");
    }
}
