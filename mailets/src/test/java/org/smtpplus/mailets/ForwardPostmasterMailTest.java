package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.settings.SmtpPlusSettings;

// FakeMailContext's only local domain is localhost.
class ForwardPostmasterMailTest {
    private static final String OPERATOR = "ops@operator.example";

    private FakeMailContext context;

    @BeforeEach
    void setUp() {
        context = FakeMailContext.defaultContext();
    }

    @Test
    void mailToThePostmasterGoesToTheOperatorFromTheOperatorAndOtherRecipientsStay() throws Exception {
        Mail mail = mail("postmaster@localhost", "someone@localhost");

        mailet(postmaster(OPERATOR), FakeMailetConfig.builder()).service(mail);

        assertThat(context.getSentMails()).singleElement().satisfies(forward -> {
            assertThat(forward.getRecipients()).containsExactly(new MailAddress(OPERATOR));
            assertThat(forward.getSender()).isEqualTo(new MailAddress(OPERATOR));
            assertThat(forward.getState()).isEqualTo("relay");
            assertThat(forward.getMsg().getSubject()).isEqualTo("Your abuse desk");
        });
        assertThat(mail.getRecipients()).containsExactly(new MailAddress("someone@localhost"));
        assertThat(mail.getState()).isEqualTo("local-delivery");
    }

    @Test
    void mailOnlyToThePostmasterEndsOnceForwardedToTheConfiguredProcessor() throws Exception {
        Mail mail = mail("PostMaster@localhost");

        mailet(postmaster(OPERATOR), FakeMailetConfig.builder().setProperty("processor", "relay-now")).service(mail);

        assertThat(context.getSentMails()).singleElement().satisfies(forward -> assertThat(forward.getState()).isEqualTo("relay-now"));
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void withoutAPostmasterSettingNothingIsForwarded() throws Exception {
        Mail mail = mail("postmaster@localhost");

        mailet(SmtpPlusSettings.DEFAULT, FakeMailetConfig.builder()).service(mail);

        assertThat(context.getSentMails()).isEmpty();
        assertThat(mail.getRecipients()).containsExactly(new MailAddress("postmaster@localhost"));
        assertThat(mail.getState()).isEqualTo("local-delivery");
    }

    @Test
    void anOperatorAddressOfALocalDomainIsNotForwardedToForItWouldLoop() throws Exception {
        Mail mail = mail("postmaster@localhost");

        mailet(postmaster("ops@localhost"), FakeMailetConfig.builder()).service(mail);

        assertThat(context.getSentMails()).isEmpty();
        assertThat(mail.getRecipients()).containsExactly(new MailAddress("postmaster@localhost"));
    }

    @Test
    void anUnknownParameterFailsInit() {
        assertThatThrownBy(() -> mailet(postmaster(OPERATOR), FakeMailetConfig.builder().setProperty("procesor", "relay")))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Unexpected init parameters found: [procesor]");
    }

    private ForwardPostmasterMail mailet(SmtpPlusSettings settings, FakeMailetConfig.Builder config) throws MessagingException {
        ForwardPostmasterMail mailet = new ForwardPostmasterMail(settings);
        mailet.init(config.mailetName("ForwardPostmasterMail").mailetContext(context).build());
        return mailet;
    }

    private static SmtpPlusSettings postmaster(String address) throws Exception {
        return SmtpPlusSettings.from(key -> Optional.ofNullable(Map.of(SmtpPlusSettings.POSTMASTER, address).get(key)));
    }

    private static Mail mail(String... recipients) throws Exception {
        MimeMessage message = new MimeMessage(Session.getDefaultInstance(new Properties()), new ByteArrayInputStream(
            "From: someone@elsewhere.example\r\nSubject: Your abuse desk\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII)));
        FakeMail.Builder mail = FakeMail.builder().name("local-1")
            .sender("someone@elsewhere.example")
            .mimeMessage(message)
            .state("local-delivery");
        for (String recipient : recipients) {
            mail.recipient(new MailAddress(recipient));
        }
        return mail.build();
    }
}
