package org.smtpplus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import javax.mail.internet.MimeMessage;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.queue.api.DelayedManageableMailQueueContract;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueFactoryContract;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.ManageableMailQueueFactoryContract;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;

class MemoryMailQueuesTest {
    /** James's own tests of a delayed, manageable mail queue. */
    @Nested
    class AQueue implements DelayedManageableMailQueueContract {
        private ManageableMailQueue queue;

        @BeforeEach
        void setUp() {
            queue = new MemoryMailQueues(new RawMailQueueItemDecoratorFactory()).createQueue(MailQueueName.of("test"));
        }

        @AfterEach
        void tearDown() throws Exception {
            queue.close();
        }

        @Override
        public MailQueue getMailQueue() {
            return queue;
        }

        @Override
        public ManageableMailQueue getManageableMailQueue() {
            return queue;
        }
    }

    /** James's own tests of a factory of manageable mail queues. */
    @Nested
    class TheFactory implements MailQueueFactoryContract<ManageableMailQueue>, ManageableMailQueueFactoryContract<ManageableMailQueue> {
        private final MemoryMailQueues factory = new MemoryMailQueues(new RawMailQueueItemDecoratorFactory());

        @Override
        public MailQueueFactory<ManageableMailQueue> getMailQueueFactory() {
            return factory;
        }
    }

    private final ManageableMailQueue queue = new MemoryMailQueues(new RawMailQueueItemDecoratorFactory())
        .createQueue(MailQueueName.of("outgoing"));

    @AfterEach
    void close() throws Exception {
        queue.close();
    }

    private static Mail mail(MimeMessage message) throws Exception {
        return MailImpl.builder().name("m1").sender("app@shop.example").addRecipient("ann@example.com")
            .mimeMessage(message).build();
    }

    private Mail queuedAndTaken(Mail mail) throws Exception {
        queue.enQueue(mail);
        return taken();
    }

    private Mail taken() {
        MailQueue.MailQueueItem item = Flux.from(queue.deQueue()).blockFirst();
        try {
            item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
        } catch (MailQueue.MailQueueException e) {
            throw new IllegalStateException(e);
        }
        return item.getMail();
    }

    private static String written(MimeMessage message, String... leftOut) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out, leftOut);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aQueuedMessageIsWrittenAsTheBytesItWasQueuedWith() throws Exception {
        MimeMessage message = MimeMessageBuilder.mimeMessageBuilder().addFrom("app@shop.example").setSubject("Hi")
            .setText("body è").build();
        String expected = written(message);

        Mail mail = queuedAndTaken(mail(message));

        assertThat(written(mail.getMessage())).isEqualTo(expected);
        assertThat(mail.getMessage().getSubject()).isEqualTo("Hi");
        assertThat(mail.getMessageSize()).isEqualTo(expected.length());
    }

    @Test
    void fieldsLeftOutOfAWriteAreLeftOutOfTheQueuedBytesToo() throws Exception {
        MimeMessage message = MimeMessageBuilder.mimeMessageBuilder().addFrom("app@shop.example")
            .addHeader("Bcc", "hidden@example.com").addHeader("X-Kept", "yes").setSubject("Hi").setText("body").build();

        Mail mail = queuedAndTaken(mail(message));

        assertThat(written(mail.getMessage(), "Bcc", "Content-Length")).doesNotContain("hidden@example.com").contains("X-Kept: yes");
        assertThat(written(mail.getMessage())).contains("Bcc: hidden@example.com");
    }

    @Test
    void aChangeMadeAfterTheQueueIsWrittenAndTheQueuedCopyIsNotChangedByIt() throws Exception {
        MimeMessage message = MimeMessageBuilder.mimeMessageBuilder().addFrom("app@shop.example").setSubject("Hi").setText("body").build();
        queue.enQueue(mail(message));
        Mail first = taken();

        first.getMessage().setHeader("X-Changed", "after");
        queue.enQueue(first);
        first.getMessage().setHeader("X-Changed", "later still");
        Mail second = taken();

        assertThat(written(second.getMessage())).contains("X-Changed: after").doesNotContain("later still");
    }

    @Test
    void aMailChangedAfterItWasQueuedIsQueuedAsItWas() throws Exception {
        Mail mail = mail(MimeMessageBuilder.mimeMessageBuilder().addFrom("app@shop.example").setSubject("Hi").setText("body").build());
        queue.enQueue(mail);

        mail.setState("changed");
        mail.getMessage().setSubject("changed");

        Mail queued = taken();
        assertThat(queued.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(queued.getMessage().getSubject()).isEqualTo("Hi");
    }

    @Test
    void aLargeMessageIsQueuedWhole() throws Exception {
        String text = "line of a large message\r\n".repeat(QueuedMessage.IN_MEMORY / 10);
        MimeMessage message = MimeMessageBuilder.mimeMessageBuilder().addFrom("app@shop.example").setSubject("Large").setText(text).build();
        String expected = written(message);

        Mail mail = queuedAndTaken(mail(message));

        assertThat(written(mail.getMessage())).isEqualTo(expected);
    }

    @Test
    void aMailDueLaterIsBrowsedWithItsTime() throws Exception {
        queue.enQueue(mail(MimeMessageBuilder.mimeMessageBuilder().setText("x").build()), 1, TimeUnit.HOURS);

        ManageableMailQueue.MailQueueIterator browsed = queue.browse();

        assertThat(browsed.next().getNextDelivery()).isPresent();
        assertThat(queue.getSize()).isEqualTo(1);
    }

    @Test
    void theHeaderNamesAreFoundWhereverTheFieldIsAndOnlyInTheHeader() {
        byte[] message = ("From: a@example.com\r\nbcc : x@example.com\r\nSubject: s\r\n\r\nBcc: in the body\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        byte[] bodyOnly = ("From: a@example.com\r\nSubject: s\r\n Bcc: a continuation\r\n\r\nBcc: in the body\r\n")
            .getBytes(StandardCharsets.US_ASCII);

        assertThat(QueuedMessage.HeaderNames.anyIn(message, new String[] {"Bcc"})).isTrue();
        assertThat(QueuedMessage.HeaderNames.anyIn(bodyOnly, new String[] {"Bcc", "Content-Length"})).isFalse();
        assertThat(QueuedMessage.HeaderNames.anyIn(message, new String[0])).isFalse();
    }
}
