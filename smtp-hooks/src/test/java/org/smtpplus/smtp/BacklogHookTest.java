package org.smtpplus.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpplus.smtp.Replies.assertDeclined;
import static org.smtpplus.smtp.Replies.assertTemporary;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.schedule.MemoryScheduledMessageRepository;
import org.smtpplus.core.schedule.ScheduledMessage;
import org.smtpplus.core.settings.SmtpPlusSettings;

import com.google.common.base.Ticker;

class BacklogHookTest {
    private final MemoryMailQueueFactory queues = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory());
    private final MemoryScheduledMessageRepository scheduled = new MemoryScheduledMessageRepository();
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = new Ticker() {
        @Override
        public long read() {
            return nanos.get();
        }
    };
    private int mails;

    @Test
    void aBacklogUpToTheLimitTakesMail() throws Exception {
        enqueue("outgoing", 2);
        enqueue(MailQueueFactory.SPOOL.asString(), 1);

        assertDeclined(hook(3).doMail(FakeSmtpSession.anonymous(), MaybeSender.nullSender()));
    }

    @Test
    void aBacklogPastTheLimitRefusesNewMailTemporarily() throws Exception {
        enqueue("outgoing", 3);
        enqueue("outgoing-192.0.2.10", 1);

        assertTemporary(hook(3).doMail(FakeSmtpSession.authenticatedAs("shop"), MaybeSender.nullSender()), "451", "4.3.1")
            .contains("too much mail waiting");
    }

    @Test
    void theQueuesAreCountedAtMostOnceASecond() throws Exception {
        BacklogHook hook = hook(1);
        enqueue("outgoing", 1);
        assertDeclined(hook.doMail(FakeSmtpSession.anonymous(), MaybeSender.nullSender()));

        MailQueue outgoing = queues.createQueue(MailQueueName.of("outgoing"));
        outgoing.enQueue(mail());
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertDeclined(hook.doMail(FakeSmtpSession.anonymous(), MaybeSender.nullSender()));

        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertTemporary(hook.doMail(FakeSmtpSession.anonymous(), MaybeSender.nullSender()), "451", "4.3.1");
    }

    @Test
    void whileOneSessionCountsTheOthersGoOnWithTheLastCount() throws Exception {
        CountDownLatch counting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean slow = new AtomicBoolean();
        MemoryMailQueueFactory slowQueues = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory()) {
            @Override
            public Set<MailQueueName> listCreatedMailQueues() {
                if (slow.get()) {
                    counting.countDown();
                    awaitQuietly(release);
                }
                return super.listCreatedMailQueues();
            }
        };
        BacklogHook hook = new BacklogHook(slowQueues, scheduled, settings(1), ticker);
        assertDeclined(hook.doMail(FakeSmtpSession.anonymous(), MaybeSender.nullSender()));
        MailQueue outgoing = slowQueues.createQueue(MailQueueName.of("outgoing"));
        outgoing.enQueue(mail());
        outgoing.enQueue(mail());
        slow.set(true);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        CompletableFuture<HookResult> counter = new CompletableFuture<>();
        new Thread(() -> counter.complete(hook.doMail(FakeSmtpSession.anonymous(), MaybeSender.nullSender()))).start();
        counting.await();

        CompletableFuture<HookResult> other = new CompletableFuture<>();
        Thread otherSession = new Thread(() -> other.complete(hook.doMail(FakeSmtpSession.anonymous(), MaybeSender.nullSender())));
        otherSession.start();
        while (!other.isDone() && otherSession.getState() != Thread.State.BLOCKED && otherSession.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        boolean wentOn = other.isDone();
        release.countDown();

        assertThat(wentOn).as("the other session went on without waiting for the count").isTrue();
        assertDeclined(other.get());
        assertTemporary(counter.get(), "451", "4.3.1");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void scheduledMessagesParkedInTheSpoolAreNoBacklog() throws Exception {
        enqueue("spool", 3);
        for (int i = 0; i < 2; i++) {
            scheduled.park(new ScheduledMessage("s" + i, "<s" + i + "@shop.example>", Optional.empty(),
                Instant.parse("2030-01-01T00:00:00Z"), "shop", List.of("jane@shop.example")));
        }

        assertDeclined(hook(1).doMail(FakeSmtpSession.anonymous(), MaybeSender.nullSender()));
    }

    private BacklogHook hook(int limit) throws Exception {
        return new BacklogHook(queues, scheduled, settings(limit), ticker);
    }

    private static SmtpPlusSettings settings(int limit) throws Exception {
        return SmtpPlusSettings.from(key -> Optional.ofNullable(
            Map.of(SmtpPlusSettings.BACKLOG_LIMIT, String.valueOf(limit)).get(key)));
    }

    private void enqueue(String queue, int count) throws Exception {
        MailQueue mailQueue = queues.createQueue(MailQueueName.of(queue));
        for (int i = 0; i < count; i++) {
            mailQueue.enQueue(mail());
        }
    }

    private FakeMail mail() throws Exception {
        return FakeMail.builder().name("m" + mails++).sender("app@shop.example").recipient("jane@example.com")
            .mimeMessage(new MimeMessage(Session.getDefaultInstance(new Properties()),
                new ByteArrayInputStream("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)))).build();
    }
}
