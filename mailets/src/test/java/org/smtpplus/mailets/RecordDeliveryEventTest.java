package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.event.MemoryEventStore;

class RecordDeliveryEventTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final EventContext COPY = new EventContext("shop", Optional.of("cust-7"), List.of("welcome"), "customers",
        "<m1@shop.example>", 1234, Map.of("order", "42"));

    private final MemoryEventStore events = new MemoryEventStore();

    @Test
    void recordsTheEventForEachRecipientOfACopyAndGhostsIt() throws Exception {
        Mail mail = copy("ann@example.com", "bob@example.com");

        mailet(config().setProperty("event", "sent").setProperty("ghost", "true")).service(mail);

        assertThat(events.recorded()).hasSize(2).allSatisfy(event -> {
            assertThat(event.type()).isEqualTo(EventType.SENT);
            assertThat(event.at()).isEqualTo(NOW);
            assertThat(event.messageId()).isEqualTo("<m1@shop.example>");
            assertThat(event.customId()).contains("cust-7");
            assertThat(event.uniqueArgs()).isEqualTo(Map.of("order", "42"));
            assertThat(event.status()).isEmpty();
        });
        assertThat(events.recorded()).extracting(event -> event.recipient()).containsExactlyInAnyOrder("ann@example.com", "bob@example.com");
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void theDeliveryErrorGivesStatusAndDiagnostic() throws Exception {
        Mail mail = copy("ann@example.com");
        mail.setAttribute(new Attribute(Bouncer.DELIVERY_ERROR, AttributeValue.of("550 5.1.1 <ann@example.com>: User unknown")));

        mailet(config().setProperty("event", "bounced")).service(mail);

        assertThat(events.recorded()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.BOUNCED);
            assertThat(event.status()).contains("5.1.1");
            assertThat(event.diagnostic()).contains("550 5.1.1 <ann@example.com>: User unknown");
        });
        assertThat(mail.getState()).isEqualTo("smtpplus-sent");
    }

    // An onSuccess processor left in an older configuration: the delivery thread recorded sent already
    @Test
    void aCopyWhoseSentEventsTheDeliveryThreadRecordedIsNotRecordedTwice() throws Exception {
        Mail mail = copy("ann@example.com");
        RecordDeliveryEvent.markSentRecorded(mail);

        mailet(config().setProperty("event", "sent").setProperty("ghost", "true")).service(mail);

        assertThat(events.recorded()).isEmpty();
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void theMarkOfTheSentEventsLeavesOtherEventsRecorded() throws Exception {
        Mail mail = copy("ann@example.com");
        RecordDeliveryEvent.markSentRecorded(mail);

        mailet(config().setProperty("event", "bounced")).service(mail);

        assertThat(events.recorded()).singleElement().satisfies(event -> assertThat(event.type()).isEqualTo(EventType.BOUNCED));
    }

    @Test
    void mailThatIsNoSmtpPlusCopyPassesUntouched() throws Exception {
        Mail mail = FakeMail.builder().name("dsn-1").recipient(new MailAddress("ann@example.com")).state("smtpplus-sent").build();

        mailet(config().setProperty("event", "sent")).service(mail);

        assertThat(events.recorded()).isEmpty();
        assertThat(mail.getState()).isEqualTo("smtpplus-sent");
    }

    @Test
    void anEventIsRequired() {
        assertThatThrownBy(() -> mailet(config()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("RecordDeliveryEvent needs an <event>");
    }

    @Test
    void anUnknownEventFailsInit() {
        assertThatThrownBy(() -> mailet(config().setProperty("event", "delivered")))
            .isInstanceOf(MessagingException.class)
            .hasMessage("RecordDeliveryEvent: unknown <event> delivered");
    }

    @Test
    void anUnknownParameterFailsInit() {
        assertThatThrownBy(() -> mailet(config().setProperty("event", "sent").setProperty("gost", "true")))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Unexpected init parameters found: [gost]");
    }

    private RecordDeliveryEvent mailet(FakeMailetConfig.Builder config) throws MessagingException {
        RecordDeliveryEvent mailet = new RecordDeliveryEvent(events, CLOCK);
        mailet.init(config.build());
        return mailet;
    }

    private static FakeMailetConfig.Builder config() {
        return FakeMailetConfig.builder().mailetName("RecordDeliveryEvent").mailetContext(FakeMailContext.defaultContext());
    }

    private static Mail copy(String... recipients) throws Exception {
        FakeMail.Builder mail = FakeMail.builder().name("m1-0")
            .state("smtpplus-sent");
        for (String recipient : recipients) {
            mail.recipient(new MailAddress(recipient));
        }
        Mail copy = mail.build();
        MailAttributes.setEventContext(copy, COPY);
        return copy;
    }
}
