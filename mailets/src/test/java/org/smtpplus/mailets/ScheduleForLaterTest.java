package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.directive.DirectiveParser;
import org.smtpplus.core.directive.ProviderExtras;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.event.MemoryEventStore;
import org.smtpplus.core.schedule.MemoryParkedMailRepository;
import org.smtpplus.core.schedule.MemoryScheduledMessageRepository;
import org.smtpplus.core.schedule.ScheduledMessage;
import org.smtpplus.core.schedule.ScheduledMessageRepository;
import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.settings.SmtpPlusSettings;

class ScheduleForLaterTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant SEND_AT = Instant.parse("2026-11-22T11:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String LATER = "{\"sendAt\":\"" + SEND_AT + "\",\"batchId\":\"black-friday\"}";

    private final MemoryScheduledMessageRepository scheduled = new MemoryScheduledMessageRepository();
    private final MemoryParkedMailRepository parkedMails = new MemoryParkedMailRepository();
    private final MemoryEventStore events = new MemoryEventStore();
    private FakeMailContext context;

    @BeforeEach
    void setUp() {
        context = FakeMailContext.defaultContext();
    }

    @Test
    void mailWithoutAFutureSendAtPasses() throws Exception {
        Mail mail = submission("{}");

        mailet(scheduled, SmtpPlusSettings.DEFAULT).service(mail);

        assertThat(mail.getState()).isEqualTo("smtpplus");
        assertThat(context.getSentMails()).isEmpty();
        assertThat(scheduled.pending(Optional.empty())).isEmpty();
        assertThat(events.recorded()).isEmpty();
    }

    @Test
    void aFutureSendAtParksTheMailInTheQueueUntilThenAndListsIt() throws Exception {
        Mail mail = submission(LATER, "ann@example.com", "bob@example.com");

        mailet(scheduled, SmtpPlusSettings.DEFAULT).service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(context.getSentMails()).singleElement().satisfies(parked -> {
            assertThat(parked.getState()).isEqualTo("smtpplus");
            assertThat(parked.getDelay()).contains(new FakeMailContext.Delay(3_600_000, TimeUnit.MILLISECONDS));
        });
        assertThat(scheduled.pending(Optional.of("black-friday"))).singleElement().satisfies(message -> {
            assertThat(message.id()).isEqualTo("m1");
            assertThat(message.messageId()).isEqualTo("<m1@shop.example>");
            assertThat(message.sendAt()).isEqualTo(SEND_AT);
            assertThat(message.recipients()).containsExactly("ann@example.com", "bob@example.com");
        });
        assertThat(events.recorded()).hasSize(2).allSatisfy(event -> {
            assertThat(event.type()).isEqualTo(EventType.SCHEDULED);
            assertThat(event.diagnostic()).contains("sendAt " + SEND_AT);
        });
    }

    @Test
    void aFutureReleaseHoldParksAsASendAtWould() throws Exception {
        Mail mail = submission("{}");
        MailAttributes.setFutureRelease(mail, SEND_AT);

        mailet(scheduled, SmtpPlusSettings.DEFAULT).service(mail);

        assertThat(scheduled.pending(Optional.empty())).extracting(ScheduledMessage::sendAt).containsExactly(SEND_AT);
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void aParkedMailThatComesBackIsReleasedAndGoesOn() throws Exception {
        ScheduleForLater mailet = mailet(scheduled, SmtpPlusSettings.DEFAULT);
        mailet.service(submission(LATER));

        Mail due = comingBack(context.getSentMails().get(0));
        mailet.service(due);

        assertThat(due.getState()).isEqualTo("smtpplus");
        assertThat(scheduled.pending(Optional.empty())).isEmpty();
        assertThat(scheduled.release("m1")).isEqualTo(ScheduledMessageRepository.ReleaseOutcome.ALREADY_RELEASED);
    }

    @Test
    void aParkedMailOfACancelledBatchEndsWhenItIsDue() throws Exception {
        ScheduleForLater mailet = mailet(scheduled, SmtpPlusSettings.DEFAULT);
        mailet.service(submission(LATER));
        scheduled.cancel("black-friday");

        Mail due = comingBack(context.getSentMails().get(0));
        mailet.service(due);

        assertThat(due.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void mailReleasedByTheDurableSchedulerPasses() throws Exception {
        Mail mail = submission(LATER);
        mail.setAttribute(new Attribute(ScheduleForLater.RELEASED, AttributeValue.of("m1")));

        mailet(scheduled, SmtpPlusSettings.DEFAULT).service(mail);

        assertThat(mail.getState()).isEqualTo("smtpplus");
        assertThat(scheduled.pending(Optional.empty())).isEmpty();
    }

    @Test
    void withTheCassandraSchedulerTheMailWaitsInTheStoreNotInTheQueue() throws Exception {
        SmtpPlusSettings durable = SmtpPlusSettings.from(key -> Optional.ofNullable(Map.of(
            SmtpPlusSettings.STORE, "cassandra", SmtpPlusSettings.SCHEDULER, "cassandra").get(key)));
        Mail mail = submission(LATER);

        mailet(scheduled, durable).service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(context.getSentMails()).isEmpty();
        assertThat(parkedMails.get("m1")).hasValueSatisfying(parked -> assertThat(parked.recipients()).containsExactly("ann@example.com"));
        assertThat(scheduled.pending(Optional.empty())).extracting(ScheduledMessage::id).containsExactly("m1");
    }

    @Test
    void aStoreOutageSendsTheMailBackAndItsRetryFinishesThePark() throws Exception {
        StoreOutage<ScheduledMessageRepository> outage = StoreOutage.of(ScheduledMessageRepository.class, scheduled)
            .downFor("park");
        ScheduleForLater mailet = mailet(outage.port(), SmtpPlusSettings.DEFAULT);

        Mail mail = submission(LATER);
        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        FakeMailContext.SentMail retry = context.getSentMails().get(0);
        assertThat(retry.getState()).isEqualTo("smtpplus");
        assertThat(retry.getDelay()).contains(new FakeMailContext.Delay(10_000, TimeUnit.MILLISECONDS));
        assertThat(scheduled.pending(Optional.empty())).isEmpty();

        outage.up();
        mailet.service(comingBack(retry));

        assertThat(scheduled.pending(Optional.empty())).extracting(ScheduledMessage::sendAt).containsExactly(SEND_AT);
        assertThat(context.getSentMails()).hasSize(2);
        assertThat(context.getSentMails().get(1).getDelay()).contains(new FakeMailContext.Delay(3_600_000, TimeUnit.MILLISECONDS));
    }

    @Test
    void anUnknownParameterFailsInit() {
        ScheduleForLater mailet = new ScheduleForLater(new MemoryAccountRepository(), scheduled, parkedMails,
            SmtpPlusSettings.DEFAULT, events, new DirectiveParser(CLOCK), CLOCK);

        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("ScheduleForLater")
            .mailetContext(context)
            .setProperty("retryDelai", "1 second")
            .build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Unexpected init parameters found: [retryDelai]");
    }

    @Test
    void sendEachAtSendsTheRecipientsOfEachLaterTimeAsAPartOfTheirOwn() throws Exception {
        Mail mail = submission("{\"batchId\":\"each\"}", "ann@example.com", "bob@example.com", "carl@example.com", "dan@example.com");
        MailAttributes.setProviderExtras(mail, ProviderExtras.builder()
            .sendEachAt("ann@example.com", SEND_AT)
            .sendEachAt("Bob@example.com", SEND_AT)
            .sendEachAt("carl@example.com", SEND_AT.plusSeconds(60))
            .sendEachAt("dan@example.com", NOW.minusSeconds(1))
            .build().toJson());

        mailet(scheduled, SmtpPlusSettings.DEFAULT).service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("dan@example.com"));
        assertThat(mail.getState()).isEqualTo("smtpplus");
        assertThat(context.getSentMails()).hasSize(2);
        FakeMailContext.SentMail first = context.getSentMails().get(0);
        assertThat(first.getState()).isEqualTo("smtpplus");
        assertThat(first.getRecipients()).containsExactly(new MailAddress("ann@example.com"), new MailAddress("bob@example.com"));
        Mail part = comingBack(first);
        assertThat(new DirectiveParser(CLOCK).parseJson(MailAttributes.directiveOf(part).orElseThrow()).sendAt()).contains(SEND_AT);
        assertThat(ProviderExtras.fromJson(MailAttributes.providerExtrasOf(part).orElseThrow()).sendEachAt()).isEmpty();
        assertThat(context.getSentMails().get(1).getRecipients()).containsExactly(new MailAddress("carl@example.com"));

        // each part comes back here and is parked as any scheduled message, in the message's batch
        mailet(scheduled, SmtpPlusSettings.DEFAULT).service(part);
        assertThat(scheduled.pending(Optional.of("each"))).singleElement()
            .satisfies(message -> assertThat(message.sendAt()).isEqualTo(SEND_AT));
    }

    @Test
    void aSubmissionWhoseRecipientsAllComeLaterEndsOnceItsPartsAreQueued() throws Exception {
        Mail mail = submission("{}", "ann@example.com");
        MailAttributes.setProviderExtras(mail, ProviderExtras.builder().sendEachAt("ann@example.com", SEND_AT).build().toJson());

        mailet(scheduled, SmtpPlusSettings.DEFAULT).service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(context.getSentMails()).singleElement()
            .satisfies(part -> assertThat(part.getRecipients()).containsExactly(new MailAddress("ann@example.com")));
    }

    private ScheduleForLater mailet(ScheduledMessageRepository repository, SmtpPlusSettings settings) throws Exception {
        ScheduleForLater mailet = new ScheduleForLater(new MemoryAccountRepository(), repository, parkedMails, settings, events,
            new DirectiveParser(CLOCK), CLOCK);
        mailet.init(FakeMailetConfig.builder().mailetName("ScheduleForLater").mailetContext(context).build());
        return mailet;
    }

    private static Mail submission(String directive, String... recipients) throws Exception {
        MimeMessage message = new MimeMessage(Session.getDefaultInstance(new Properties()), new ByteArrayInputStream(
            "From: app@shop.example\r\nMessage-ID: <m1@shop.example>\r\nSubject: Hi\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII)));
        FakeMail.Builder mail = FakeMail.builder().name("m1")
            .sender("app@shop.example")
            .mimeMessage(message)
            .state("smtpplus");
        for (String recipient : recipients.length == 0 ? new String[] {"ann@example.com"} : recipients) {
            mail.recipient(new MailAddress(recipient));
        }
        Mail submission = mail.build();
        MailAttributes.setAccount(submission, "shop");
        MailAttributes.setDirective(submission, new DirectiveParser(CLOCK).parseJson(directive));
        MailAttributes.setMessageId(submission, "<m1@shop.example>");
        return submission;
    }

    // What the spool hands back: the mail the mailet sent, under its own name.
    private static Mail comingBack(FakeMailContext.SentMail sent) throws Exception {
        return FakeMail.builder().name("m1")
            .recipients(List.copyOf(sent.getRecipients()))
            .mimeMessage(sent.getMsg())
            .attributes(sent.getAttributes().values())
            .state(sent.getState())
            .build();
    }
}
