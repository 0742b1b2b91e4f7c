package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.bounce.MemoryBounceRepository;
import org.smtpplus.core.bounce.ReasonClassifier;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.event.MemoryEventStore;
import org.smtpplus.core.feedback.BounceRecorder;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.subscriber.MemorySubscriberRepository;
import org.smtpplus.core.suppression.MemorySuppressionRepository;
import org.smtpplus.core.suppression.SuppressionReason;
import org.smtpplus.core.suppression.SuppressionRepository;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.core.token.TokenAddresses;

class ClassifyDeliveryFailureTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final RecipientTokens TOKENS = new RecipientTokens("d7b6e329837fbe40c1b65d309d7e646fbf601726a7dfe73d137ae806e7c1e329",
        new TokenAddresses("bounces.example", domain -> false), URI.create("https://relay.example"));
    private static final String RECIPIENT = "jane@example.com";
    private static final EventContext COPY = new EventContext("shop", Optional.empty(), List.of(), "customers", "<m1@shop.example>", 1234);

    private final MemoryAccountRepository accounts = new MemoryAccountRepository();
    private final MemorySubscriberRepository subscribers = new MemorySubscriberRepository();
    private final MemoryBounceRepository bounces = new MemoryBounceRepository();
    private final MemorySuppressionRepository suppressions = new MemorySuppressionRepository();
    private final MemoryEventStore events = new MemoryEventStore();
    private FakeMailContext context;

    @BeforeEach
    void setUp() {
        context = FakeMailContext.defaultContext();
        accounts.save(Account.builder("shop").notifyAddresses(List.of("it@shop.example")).build());
    }

    @Test
    void aPermanentUserUnknownIsAHardBounceRecordedNotifiedAndEnded() throws Exception {
        Mail mail = failedCopy("550 5.1.1 <jane@example.com>: Recipient address rejected: User unknown", true);

        mailet(suppressions).service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(bounces.get(RECIPIENT, COPY.messageId())).hasValueSatisfying(bounce -> {
            assertThat(bounce.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
            assertThat(bounce.status()).contains("5.1.1");
            assertThat(bounce.account()).isEqualTo("shop");
        });
        assertThat(suppressions.get(RECIPIENT, Optional.empty()))
            .hasValueSatisfying(entry -> assertThat(entry.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE));
        assertThat(events.recorded()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.BOUNCED);
            assertThat(event.at()).isEqualTo(NOW);
        });
        assertThat(context.getSentMails()).singleElement()
            .satisfies(notification -> assertThat(notification.getRecipients()).containsExactly(new MailAddress("it@shop.example")));
    }

    // RemoteDelivery's Bouncer sets is-delivery-permanent-error=false when the retries of a temporary failure ran out.
    @Test
    void retriesThatRanOutAreAnExpiredBounceWhateverTheLastReplySaid() throws Exception {
        Mail mail = failedCopy("421 4.4.2 mx.example.com Error: timeout exceeded", false);

        mailet(suppressions).service(mail);

        assertThat(bounces.get(RECIPIENT, COPY.messageId()))
            .hasValueSatisfying(bounce -> assertThat(bounce.reason()).isEqualTo(BounceReason.EXPIRED));
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void mailThatIsNoSmtpPlusCopyPassesUntouched() throws Exception {
        Mail mail = FakeMail.builder().name("dsn-1")
            .recipient(new MailAddress(RECIPIENT))
            .attribute(new Attribute(Bouncer.DELIVERY_ERROR, AttributeValue.of("550 5.1.1 User unknown")))
            .state("bounces")
            .build();

        mailet(suppressions).service(mail);

        assertThat(mail.getState()).isEqualTo("bounces");
        assertThat(bounces.get(RECIPIENT, COPY.messageId())).isEmpty();
        assertThat(events.recorded()).isEmpty();
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void aStoreOutageSendsTheCopyBackAndItsRetryCompletesTheBounce() throws Exception {
        ClassifyDeliveryFailure mailet = mailet(StoreOutage.of(SuppressionRepository.class, suppressions).failNext("add", 1).port());
        Mail mail = failedCopy("550 5.1.1 User unknown", true);

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        FakeMailContext.SentMail retry = context.getSentMails().get(0);
        assertThat(retry.getState()).isEqualTo("bounces");
        assertThat(retry.getDelay()).contains(new FakeMailContext.Delay(10_000, TimeUnit.MILLISECONDS));
        assertThat(suppressions.get(RECIPIENT, Optional.empty())).isEmpty();

        mailet.service(FakeMail.builder().name(mail.getName())
            .recipients(List.copyOf(retry.getRecipients()))
            .attributes(retry.getAttributes().values())
            .state(retry.getState())
            .build());

        assertThat(suppressions.get(RECIPIENT, Optional.empty())).isPresent();
        assertThat(events.recorded()).singleElement().satisfies(event -> assertThat(event.at()).isEqualTo(NOW));
    }

    @Test
    void anUnknownParameterFailsInit() {
        ClassifyDeliveryFailure mailet = new ClassifyDeliveryFailure(new BounceRecorder(bounces, suppressions, subscribers, events),
            accounts, TOKENS, null, SmtpPlusSettings.DEFAULT, CLOCK, ReasonClassifier.builtIn());

        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("ClassifyDeliveryFailure")
            .mailetContext(context)
            .setProperty("notificationTemplates", "file://conf/bounce-notification.template")
            .build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Unexpected init parameters found: [notificationTemplates]");
    }

    private ClassifyDeliveryFailure mailet(SuppressionRepository suppressions) throws Exception {
        ClassifyDeliveryFailure mailet = new ClassifyDeliveryFailure(new BounceRecorder(bounces, suppressions, subscribers, events),
            accounts, TOKENS, null, SmtpPlusSettings.DEFAULT, CLOCK, ReasonClassifier.builtIn());
        mailet.init(FakeMailetConfig.builder().mailetName("ClassifyDeliveryFailure").mailetContext(context).build());
        return mailet;
    }

    private static Mail failedCopy(String deliveryError, boolean permanent) throws Exception {
        Mail mail = FakeMail.builder().name("m1-0")
            .recipient(new MailAddress(RECIPIENT))
            .attribute(new Attribute(Bouncer.DELIVERY_ERROR, AttributeValue.of(deliveryError)))
            .attribute(new Attribute(Bouncer.IS_DELIVERY_PERMANENT_ERROR, AttributeValue.of(permanent)))
            .state("bounces")
            .build();
        MailAttributes.setEventContext(mail, COPY);
        return mail;
    }
}
