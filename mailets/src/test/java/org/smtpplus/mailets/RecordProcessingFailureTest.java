package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.directive.DirectiveParser;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.event.MemoryEventStore;

class RecordProcessingFailureTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final EventContext COPY = new EventContext("shop", Optional.of("cust-7"), List.of("welcome"), "customers",
        "<m1@shop.example>", 1234);

    private final MemoryAccountRepository accounts = new MemoryAccountRepository();
    private final MemoryEventStore events = new MemoryEventStore();

    @Test
    void aFailedCopyGetsABouncedEventForEachRecipientAndGoesOn() throws Exception {
        Mail mail = FakeMail.builder().name("m1-0")
            .recipients(new MailAddress("ann@example.com"), new MailAddress("bob@example.com"))
            .errorMessage("SignWithDkim failed: java.lang.StackOverflowError")
            .state("error")
            .build();
        MailAttributes.setEventContext(mail, COPY);

        mailet().service(mail);

        assertThat(events.recorded()).hasSize(2).allSatisfy(event -> {
            assertThat(event.type()).isEqualTo(EventType.BOUNCED);
            assertThat(event.at()).isEqualTo(NOW);
            assertThat(event.status()).contains(RecordProcessingFailure.STATUS);
            assertThat(event.reason()).contains(BounceReason.SYSTEM_ERROR.asJson());
            assertThat(event.messageId()).isEqualTo("<m1@shop.example>");
            assertThat(event.diagnostic()).hasValueSatisfying(diagnostic ->
                assertThat(diagnostic).contains("SignWithDkim failed: java.lang.StackOverflowError"));
        });
        assertThat(mail.getState()).isEqualTo("error");
    }

    @Test
    void aSubmissionThatFailedBeforeItsCopiesIsNamedAsItsCopiesWouldBe() throws Exception {
        accounts.save(Account.builder("shop").defaultList("customers").build());
        Mail mail = FakeMail.builder().name("m1")
            .recipient(new MailAddress("ann@example.com"))
            .errorMessage("Too many Received headers: mail loop")
            .build();
        MailAttributes.setAccount(mail, "shop");
        MailAttributes.setMessageId(mail, "<m1@shop.example>");
        MailAttributes.setDirective(mail, new DirectiveParser(CLOCK).parseJson("{\"customId\":\"c-1\"}"));

        mailet().service(mail);

        assertThat(events.recorded()).singleElement().satisfies(event -> {
            assertThat(event.account()).isEqualTo("shop");
            assertThat(event.list()).isEqualTo("customers");
            assertThat(event.customId()).contains("c-1");
            assertThat(event.messageId()).isEqualTo("<m1@shop.example>");
        });
    }

    @Test
    void theErrorIsWrittenAsPrintableAsciiOnOneLine() throws Exception {
        Mail mail = FakeMail.builder().name("m1-0")
            .recipient(new MailAddress("ann@example.com"))
            .errorMessage("bad header\r\nX-Injected: yes")
            .build();
        MailAttributes.setEventContext(mail, COPY);

        mailet().service(mail);

        assertThat(events.recorded()).singleElement()
            .satisfies(event -> assertThat(event.diagnostic().orElseThrow()).doesNotContain("\r", "\n"));
    }

    @Test
    void mailThatIsNoSmtpPlusMailPassesUntouched() throws Exception {
        Mail mail = FakeMail.builder().name("other").recipient(new MailAddress("ann@example.com"))
            .errorMessage("failed").state("error").build();

        mailet().service(mail);

        assertThat(events.recorded()).isEmpty();
        assertThat(mail.getState()).isEqualTo("error");
    }

    @Test
    void anyParameterFailsInit() {
        RecordProcessingFailure mailet = new RecordProcessingFailure(accounts, new DirectiveParser(CLOCK), events, CLOCK);

        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("RecordProcessingFailure")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("status", "5.0.0")
            .build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Unexpected init parameters found: [status]");
    }

    private RecordProcessingFailure mailet() throws MessagingException {
        RecordProcessingFailure mailet = new RecordProcessingFailure(accounts, new DirectiveParser(CLOCK), events, CLOCK);
        mailet.init(FakeMailetConfig.builder().mailetName("RecordProcessingFailure").mailetContext(FakeMailContext.defaultContext()).build());
        return mailet;
    }
}
