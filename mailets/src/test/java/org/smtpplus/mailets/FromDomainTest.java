package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

class FromDomainTest {
    @Test
    void theDomainOfTheFirstMailboxInLowerCase() throws Exception {
        assertThat(FromDomain.of(message("From: \"Shop, News\" <News@Shop.Example>\r\n"))).contains("shop.example");
        assertThat(FromDomain.of(message("From: a@one.example,\r\n b@two.example\r\n"))).contains("one.example");
        assertThat(FromDomain.of(message("From: team: a@group.example;\r\n"))).contains("group.example");
    }

    @Test
    void noneWithoutAMailbox() throws Exception {
        assertThat(FromDomain.of(message("Subject: no from\r\n"))).isEmpty();
        assertThat(FromDomain.of(message("From: undisclosed:;\r\n"))).isEmpty();
        assertThat(FromDomain.of(message("From: <<<\r\n"))).isEmpty();
        assertThat(FromDomain.of(message("From: local-only\r\n"))).isEmpty();
    }

    private static MimeMessage message(String header) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream((header + "\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII)));
    }
}
