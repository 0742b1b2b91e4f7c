package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import javax.mail.MessagingException;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory;
import org.apache.mailet.MailAddress;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.event.MemoryEventStore;
import org.smtpplus.core.pacing.MemoryPaceCounters;
import org.smtpplus.core.pacing.MemoryPacingRuleRepository;
import org.smtpplus.core.pacing.Pacing;
import org.smtpplus.core.settings.SmtpPlusSettings;

class SmtpPlusRemoteDeliveryTest {
    @Test
    void allow8bitmimeIsRefusedForItWouldReEncodeSignedMail() {
        SmtpPlusRemoteDelivery mailet = new SmtpPlusRemoteDelivery(null, null, null, null, null, null, Clock.systemUTC(), null);

        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("SmtpPlusRemoteDelivery")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("mail.smtp.allow8bitmime", "true")
            .build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("mail.smtp.allow8bitmime=true");
    }

    // No queue factory: a check after RemoteDelivery's own init would fail on the queue first.
    @Test
    void anUnknownParameterFailsInitBeforeRemoteDeliveryStarts() {
        SmtpPlusRemoteDelivery mailet = new SmtpPlusRemoteDelivery(null, null, null, null, SmtpPlusSettings.DEFAULT,
            new MemoryEventStore(), Clock.systemUTC(), unpaced());

        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("SmtpPlusRemoteDelivery")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("maxRetries", "8")
            .setProperty("delaytime", "5000")
            .build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Unexpected init parameters found: [delaytime]");
    }

    @Test
    void theParametersOfTheShippedConfigurationAndJavaxMailPropertiesAreAccepted() throws Exception {
        MemoryMailQueueFactory queues = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory());
        SmtpPlusRemoteDelivery mailet = new SmtpPlusRemoteDelivery(null, null, queues, new RecordingMetricFactory(),
            SmtpPlusSettings.DEFAULT, new MemoryEventStore(), Clock.systemUTC(), unpaced());

        mailet.init(FakeMailetConfig.builder().mailetName("SmtpPlusRemoteDelivery")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("outgoing", "outgoing-test")
            .setProperty("delayTime", "5000, 120000, 600000, 5*3600000")
            .setProperty("maxRetries", "8")
            .setProperty("maxDnsProblemRetries", "0")
            .setProperty("sendpartial", "true")
            .setProperty("bounceProcessor", "bounces")
            .setProperty("onSuccess", "smtpplus-sent")
            .setProperty("startTLS", "true")
            .setProperty("verifyServerIdentity", "false")
            .setProperty("mail.smtp.ssl.trust", "*")
            .setProperty("onMailetException", "propagate")
            .build());
        try {
            assertThat(queues.listCreatedMailQueues()).contains(MailQueueName.of("outgoing-test"));
        } finally {
            mailet.destroy();
        }
    }

    @Test
    void aCopyWithoutRecipientIsNotSentToTheOnSuccessProcessor() throws Exception {
        FakeMailContext james = FakeMailContext.defaultContext();
        MailetContext context = SmtpPlusRemoteDelivery.withoutEmptyMail(james);

        context.sendMail(FakeMail.builder().name("none-accepted").recipients().build(), "smtpplus-sent");
        context.sendMail(FakeMail.builder().name("accepted").recipient("jane@example.com").build(), "smtpplus-sent");

        assertThat(james.getSentMails()).singleElement()
            .satisfies(sent -> assertThat(sent.getRecipients()).containsExactly(new MailAddress("jane@example.com")));
    }

    static Pacing unpaced() {
        return new Pacing(new MemoryPacingRuleRepository(), new MemoryPaceCounters(), Clock.systemUTC());
    }
}
