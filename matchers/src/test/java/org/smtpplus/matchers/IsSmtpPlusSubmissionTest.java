package org.smtpplus.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.attributes.MailAttributes;

class IsSmtpPlusSubmissionTest {
    private IsSmtpPlusSubmission matcher;

    @BeforeEach
    void setUp() throws Exception {
        matcher = new IsSmtpPlusSubmission();
        matcher.init(FakeMatcherConfig.builder().matcherName("IsSmtpPlusSubmission").build());
    }

    @Test
    void matchesEveryRecipientOfAMarkedMail() throws Exception {
        FakeMail mail = FakeMail.builder()
            .name("m1")
            .recipients("a@example.com", "b@example.com")
            .build();
        MailAttributes.setAccount(mail, "shop");

        assertThat(matcher.match(mail)).containsExactlyInAnyOrderElementsOf(mail.getRecipients());
    }

    @Test
    void leavesUnmarkedMailAlone() throws Exception {
        FakeMail mail = FakeMail.builder().name("m2").recipients("a@example.com").build();

        assertThat(matcher.match(mail)).isEmpty();
    }

    @Test
    void aConditionFailsInit() {
        assertThatThrownBy(() -> new IsSmtpPlusSubmission().init(FakeMatcherConfig.builder()
            .matcherName("IsSmtpPlusSubmission").condition("shop").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("IsSmtpPlusSubmission takes no condition, got 'shop'");
    }
}
