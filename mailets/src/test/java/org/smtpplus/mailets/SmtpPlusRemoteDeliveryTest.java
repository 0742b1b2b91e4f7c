package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import javax.mail.MessagingException;

import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class SmtpPlusRemoteDeliveryTest {
    @Test
    void allow8bitmimeIsRefusedForItWouldReEncodeSignedMail() {
        SmtpPlusRemoteDelivery mailet = new SmtpPlusRemoteDelivery(null, null, null, null, null, null, Clock.systemUTC());

        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("SmtpPlusRemoteDelivery")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("mail.smtp.allow8bitmime", "true")
            .build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("mail.smtp.allow8bitmime=true");
    }
}
