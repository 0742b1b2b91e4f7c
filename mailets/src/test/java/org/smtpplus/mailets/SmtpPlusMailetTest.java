package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

class SmtpPlusMailetTest {
    private static final class Failing extends SmtpPlusMailet {
        private final Throwable failure;

        private Failing(Throwable failure) {
            this.failure = failure;
        }

        @Override
        protected void process(Mail mail) throws MessagingException {
            if (failure instanceof Error) {
                throw (Error) failure;
            }
            if (failure instanceof MessagingException) {
                throw (MessagingException) failure;
            }
            throw (RuntimeException) failure;
        }
    }

    // James sends a mail whose mailet threw an Exception to the error processor; an Error would bypass it.
    @Test
    void anErrorBecomesAMessagingExceptionSoThatTheMailGoesToTheErrorProcessor() throws Exception {
        Mail mail = FakeMail.builder().name("deep").build();

        assertThatThrownBy(() -> new Failing(new StackOverflowError()).service(mail))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("StackOverflowError");
    }

    @Test
    void exceptionsPassAsTheyAre() throws Exception {
        Mail mail = FakeMail.builder().name("m").build();

        assertThatThrownBy(() -> new Failing(new MessagingException("unreadable")).service(mail)).hasMessage("unreadable");
        assertThatThrownBy(() -> new Failing(new IllegalStateException("bug")).service(mail))
            .isInstanceOf(IllegalStateException.class);
    }
}
