package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.Converter7Bit;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.domain.DkimKey;
import org.smtpplus.core.domain.MemorySendingDomainRepository;
import org.smtpplus.core.domain.OutageSendingDomainRepository;
import org.smtpplus.core.domain.SendingDomain;
import org.smtpplus.core.domain.SendingDomainRepository;
import org.smtpplus.core.domain.SendingDomains;
import org.smtpplus.core.event.EventContext;

class SignWithDkimTest {
    // The verifier refuses a signature made in its future: the time of signing is now
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final DkimKey SHOP_KEY = DkimKey.generate("s2026", NOW);
    // An 8-bit text, and a multipart labelled 8bit with an 8-bit attachment: what RemoteDelivery would convert
    private static final String MESSAGE = "From: Shop <app@shop.example>\r\nTo: ann@example.com\r\nSubject: Hi\r\n"
        + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"mix\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + "--mix\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nCiao è\r\n"
        + "--mix\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\u00ff\u00fe data\r\n"
        + "--mix--\r\n";

    private final MemorySendingDomainRepository repository = new MemorySendingDomainRepository();
    private FakeMailContext context;

    @BeforeEach
    void setUp() {
        context = FakeMailContext.defaultContext();
        repository.insertIfAbsent(new SendingDomain("shop.example", Optional.of("shop"), "shop.example", SHOP_KEY, Optional.empty(), Optional.empty()));
    }

    @Test
    void aCopyOfTheAccountsRegisteredDomainIsSignedWithItsKey() throws Exception {
        Mail mail = copyOf("shop");
        mail.setState("relay");

        mailet(repository).service(mail);

        assertThat(verified(mail).getDToken().toString()).isEqualTo("shop.example");
        assertThat(mail.getState()).isEqualTo("relay");
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void mailOfNoAccountAndAnotherAccountsCopyAreSignedWithTheRelaysKey() throws Exception {
        Mail notification = FakeMail.builder().name("n1").mimeMessage(message()).build();
        Mail otherCopy = copyOf("other");

        SignWithDkim mailet = mailet(repository);
        mailet.service(notification);
        mailet.service(otherCopy);

        assertThat(verified(notification).getDToken().toString()).isEqualTo("relay.example");
        assertThat(verified(otherCopy).getDToken().toString()).isEqualTo("relay.example");
    }

    @Test
    void theSignatureSurvivesRemoteDeliveryToANextHopWithoutEightBitMime() throws Exception {
        // What RemoteDelivery does to a mail in the relay processor, a MailImpl, when the next hop lacks 8BITMIME
        MailImpl mail = MailImpl.builder().name("c1")
            .mimeMessage(message())
            .build();
        MailAttributes.setEventContext(mail, context("shop"));

        mailet(repository).service(mail);
        new Converter7Bit(context).convertTo7Bit(mail.getMessage());

        assertThat(verified(mail).getDToken().toString()).isEqualTo("shop.example");
        assertThat(written(mail)).doesNotContain("X-MIME-Autoconverted").doesNotContain("8bit");
    }

    @Test
    void aStoreOutageSendsTheMailBackLaterUnsigned() throws Exception {
        Mail mail = copyOf("shop");
        mail.setState("relay");

        mailet(OutageSendingDomainRepository.down()).service(mail);

        assertThat(context.getSentMails()).singleElement().satisfies(retry -> {
            assertThat(retry.getState()).isEqualTo("relay");
            assertThat(retry.getDelay()).contains(new FakeMailContext.Delay(10_000, TimeUnit.MILLISECONDS));
            assertThat(retry.getMsg().getHeader("DKIM-Signature")).isNull();
        });
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void mailOfNoAccountWaitsWhileTheRelaysDomainIsAnAccounts() throws Exception {
        repository.insertIfAbsent(new SendingDomain("relay.example", Optional.of("shop"), "relay.example", SHOP_KEY,
            Optional.empty(), Optional.empty()));
        Mail mail = FakeMail.builder().name("n1").mimeMessage(message()).build();
        mail.setState("relay");

        mailet(repository).service(mail);

        assertThat(context.getSentMails()).singleElement().satisfies(retry -> {
            assertThat(retry.getState()).isEqualTo("relay");
            assertThat(retry.getMsg().getHeader("DKIM-Signature")).isNull();
        });
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void anUnknownParameterIsRefused() {
        SignWithDkim mailet = new SignWithDkim(new SendingDomains(repository, "relay.example", "bounces.example", CLOCK), CLOCK);

        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("SignWithDkim").mailetContext(context)
            .setProperty("retrydelay", "1 second").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("retrydelay");
    }

    private SignWithDkim mailet(SendingDomainRepository domains) throws MessagingException {
        SignWithDkim mailet = new SignWithDkim(new SendingDomains(domains, "relay.example", "bounces.example", CLOCK), CLOCK);
        mailet.init(FakeMailetConfig.builder().mailetName("SignWithDkim").mailetContext(context).build());
        return mailet;
    }

    private static Mail copyOf(String account) throws MessagingException {
        Mail mail = FakeMail.builder().name("c1")
            .mimeMessage(message())
            .build();
        MailAttributes.setEventContext(mail, context(account));
        return mail;
    }

    private static EventContext context(String account) {
        return new EventContext(account, Optional.empty(), List.of(), "default", "m1", 100);
    }

    private static MimeMessage message() throws MessagingException {
        return new MimeMessage(Session.getDefaultInstance(new Properties()),
            new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.UTF_8)));
    }

    private static String written(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private SignatureRecord verified(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        List<SignatureRecord> records = new DKIMVerifier((method, selector, domain) ->
            List.of(repository.get(domain.toString()).orElseThrow().dkim().dnsRecordValue()))
            .verify(new ByteArrayInputStream(out.toByteArray()));
        assertThat(records).hasSize(1);
        return records.get(0);
    }

}
