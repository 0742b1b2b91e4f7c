package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.mail.MessagingException;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.bounce.MemoryBounceRepository;
import org.smtpplus.core.bounce.ReasonClassifier;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.event.MemoryEventStore;
import org.smtpplus.core.feedback.BounceRecorder;
import org.smtpplus.core.feedback.ComplaintRecorder;
import org.smtpplus.core.feedback.TokenEventContexts;
import org.smtpplus.core.feedback.Unsubscriber;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.subscriber.MemorySubscriberRepository;
import org.smtpplus.core.suppression.MemorySuppressionRepository;
import org.smtpplus.core.suppression.SuppressionReason;
import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.suppression.SuppressionRepository;
import org.smtpplus.core.token.RecipientToken;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.core.token.TokenAddresses;

class HandleBounceDomainMailTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final RecipientTokens TOKENS = new RecipientTokens("d7b6e329837fbe40c1b65d309d7e646fbf601726a7dfe73d137ae806e7c1e329",
        new TokenAddresses("bounces.example", "bounces.shop.example"::equals), URI.create("https://relay.example"));
    private static final String RECIPIENT = "jane@example.com";

    private final MemoryAccountRepository accounts = new MemoryAccountRepository();
    private final MemorySubscriberRepository subscribers = new MemorySubscriberRepository();
    private final MemoryBounceRepository bounces = new MemoryBounceRepository();
    private final MemoryEventStore events = new MemoryEventStore();
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private FakeMailContext context;

    @BeforeEach
    void setUp() {
        context = FakeMailContext.defaultContext();
        accounts.save(Account.builder("shop").notifyAddresses(List.of("it@shop.example")).build());
    }

    @Test
    void aHardBounceSuppressesNotifiesAndEndsTheMail() throws Exception {
        MemorySuppressionRepository suppressions = new MemorySuppressionRepository();
        Mail mail = inbound(verp(), dsn("5.1.1", "550 5.1.1 user unknown"));

        mailet(suppressions).service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(suppressions.get(RECIPIENT, Optional.empty()))
            .hasValueSatisfying(entry -> assertThat(entry.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE));
        assertThat(events.recorded()).singleElement().satisfies(event -> assertThat(event.type()).isEqualTo(EventType.BOUNCED));
        assertThat(context.getSentMails()).singleElement().satisfies(notification -> {
            assertThat(notification.getRecipients()).containsExactly(new MailAddress("it@shop.example"));
            assertThat(notification.getSender()).isEqualTo(new MailAddress("mailer-daemon@bounces.example"));
            assertThat(notification.getMsg().getMessageID()).endsWith("@" + SmtpPlusSettings.DEFAULT.sending().hostname() + ">");
        });
    }

    @Test
    void aBounceToARegisteredReturnPathIsHandledAsOneToTheBounceDomain() throws Exception {
        MemorySuppressionRepository suppressions = new MemorySuppressionRepository();
        Mail mail = inbound(verp("bounces.shop.example"), dsn("5.1.1", "550 5.1.1 user unknown"));

        mailet(suppressions).service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(suppressions.get(RECIPIENT, Optional.empty()))
            .hasValueSatisfying(entry -> assertThat(entry.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE));
        assertThat(events.recorded()).singleElement().satisfies(event -> assertThat(event.type()).isEqualTo(EventType.BOUNCED));
    }

    @Test
    void anUnsubscribeMailToARegisteredReturnPathUnsubscribes() throws Exception {
        MemorySuppressionRepository suppressions = new MemorySuppressionRepository();
        String token = TOKENS.issueUnsubscribe(new RecipientToken("shop", "customers", "<m1@shop.example>", RECIPIENT, NOW));

        mailet(suppressions).service(inbound("unsubscribe+" + token + "@bounces.shop.example", "Subject: unsubscribe\r\n\r\n"));

        assertThat(suppressions.get(RECIPIENT, Optional.of("customers")))
            .hasValueSatisfying(entry -> assertThat(entry.reason()).isEqualTo(SuppressionReason.UNSUBSCRIBE));
    }

    @Test
    void garbageChangesNothingIsCountedAndEndsTheMail() throws Exception {
        MemorySuppressionRepository suppressions = new MemorySuppressionRepository();
        Mail mail = inbound(verp(), "\u0001\u00ff garbage --\r\n\r\n\u0000");

        mailet(suppressions).service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(suppressions.get(RECIPIENT, Optional.empty())).isEmpty();
        assertThat(events.recorded()).isEmpty();
        assertThat(context.getSentMails()).isEmpty();
        assertThat(metrics.countFor("smtpplus_inbound_ignored_unrecognised")).isEqualTo(1);
    }

    @Test
    void aBounceForADeletedAccountSuppressesNothing() throws Exception {
        MemorySuppressionRepository suppressions = new MemorySuppressionRepository();
        accounts.delete("shop");

        mailet(suppressions).service(inbound(verp(), dsn("5.1.1", "550 5.1.1 user unknown")));

        assertThat(suppressions.get(RECIPIENT, Optional.empty())).isEmpty();
        assertThat(metrics.countFor("smtpplus_inbound_ignored_account")).isEqualTo(1);
    }

    @Test
    void aStoreOutageSendsTheMailBackAndItsRetryRecordsTheSameEvent() throws Exception {
        MemorySuppressionRepository store = new MemorySuppressionRepository();
        SuppressionRepository suppressions = StoreOutage.of(SuppressionRepository.class, store).failNext("add", 1).port();
        Mail mail = inbound(verp(), dsn("5.1.1", "550 5.1.1 user unknown"));
        mail.setState("smtpplus-inbound");
        HandleBounceDomainMail mailet = mailet(suppressions);

        mailet.service(mail);

        FakeMailContext.SentMail sent = context.getSentMails().get(0);
        assertThat(sent.getState()).isEqualTo("smtpplus-inbound");
        assertThat(sent.getDelay()).contains(new FakeMailContext.Delay(10_000, TimeUnit.MILLISECONDS));
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);

        mailet.service(FakeMail.builder()
            .name("inbound-1")
            .recipients(List.copyOf(sent.getRecipients()))
            .mimeMessage(sent.getMsg())
            .attributes(sent.getAttributes().values())
            .state(sent.getState())
            .build());

        assertThat(store.get(RECIPIENT, Optional.empty())).isPresent();
        assertThat(events.recorded()).singleElement().satisfies(event -> assertThat(event.at()).isEqualTo(NOW));
    }

    @Test
    void anUnknownParameterFailsInit() {
        assertThatThrownBy(() -> mailet(new MemorySuppressionRepository(), FakeMailetConfig.builder()
            .setProperty("notificationTemplate", "file://conf/bounce-notification.template")
            .setProperty("retry", "1 second")))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Unexpected init parameters found: [retry]");
    }

    private HandleBounceDomainMail mailet(SuppressionRepository suppressions) throws Exception {
        return mailet(suppressions, FakeMailetConfig.builder());
    }

    private HandleBounceDomainMail mailet(SuppressionRepository suppressions, FakeMailetConfig.Builder config) throws Exception {
        TokenEventContexts contexts = new TokenEventContexts(events);
        HandleBounceDomainMail mailet = new HandleBounceDomainMail(TOKENS,
            new Unsubscriber(subscribers, suppressions, events, contexts, CLOCK),
            new BounceRecorder(bounces, suppressions, subscribers, events),
            new ComplaintRecorder(subscribers, suppressions, events, contexts),
            contexts, accounts, null, SmtpPlusSettings.DEFAULT, metrics, CLOCK, ReasonClassifier.builtIn());
        mailet.init(config.mailetName("HandleBounceDomainMail").mailetContext(context).build());
        return mailet;
    }

    private static String verp() {
        return verp("bounces.example");
    }

    private static String verp(String returnPathDomain) {
        return TOKENS.returnPath(new RecipientToken("shop", "customers", "<m1@shop.example>", RECIPIENT, NOW), returnPathDomain);
    }

    private static Mail inbound(String recipient, String message) throws Exception {
        return FakeMail.builder()
            .name("inbound-1")
            .recipient(new MailAddress(recipient))
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1))))
            .build();
    }

    private static String dsn(String status, String diagnostic) {
        return ("From: MAILER-DAEMON@mx.example.net\n"
            + "Subject: Undelivered Mail Returned to Sender\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
            + "--B\nContent-Type: text/plain\n\nfailed\n\n"
            + "--B\nContent-Type: message/delivery-status\n\n"
            + "Reporting-MTA: dns; mx.example.net\n\n"
            + "Final-Recipient: rfc822; " + RECIPIENT + "\nAction: failed\nStatus: " + status + "\n"
            + "Diagnostic-Code: smtp; " + diagnostic + "\n\n"
            + "--B--\n").replace("\n", "\r\n");
    }
}
