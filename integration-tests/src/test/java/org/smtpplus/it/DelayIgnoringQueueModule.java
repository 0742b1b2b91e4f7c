package org.smtpplus.it;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * James's mail queues as RemoteDelivery and the mailet context see them, made to treat delays as the distributed
 * James's RabbitMQ queue does: {@code enQueue(mail, delay)} enqueues the mail at once, the delay ignored
 * ({@code RabbitMQMailQueue} logs "Ignored delay" and delivers it). The queues themselves, memory or ActiveMQ, are the
 * relay's own, which WebAdmin still manages. Put in place in the relay by the launcher's test hook
 * ({@link RelayExtension#withGuiceOverride}); the test JVM never loads it, as it lacks James's classes.
 */
public final class DelayIgnoringQueueModule extends AbstractModule {
    static final String NAME = "org.smtpplus.it.DelayIgnoringQueueModule";

    @Provides
    @Singleton
    MailQueueFactory<?> queues(MailQueueFactory<? extends ManageableMailQueue> queues) {
        return new DelayIgnoringQueues(queues);
    }

    private static final class DelayIgnoringQueues implements MailQueueFactory<MailQueue> {
        private final MailQueueFactory<? extends MailQueue> queues;

        private DelayIgnoringQueues(MailQueueFactory<? extends MailQueue> queues) {
            this.queues = queues;
        }

        @Override
        public Optional<MailQueue> getQueue(MailQueueName name, PrefetchCount count) {
            return queues.getQueue(name, count).map(DelayIgnoringQueue::new);
        }

        @Override
        public MailQueue createQueue(MailQueueName name, PrefetchCount count) {
            return new DelayIgnoringQueue(queues.createQueue(name, count));
        }

        @Override
        public Set<MailQueueName> listCreatedMailQueues() {
            return queues.listCreatedMailQueues();
        }
    }

    private static final class DelayIgnoringQueue implements MailQueue {
        private final MailQueue queue;

        private DelayIgnoringQueue(MailQueue queue) {
            this.queue = queue;
        }

        @Override
        public MailQueueName getName() {
            return queue.getName();
        }

        @Override
        public void enQueue(Mail mail, Duration delay) throws MailQueueException {
            queue.enQueue(mail);
        }

        @Override
        public void enQueue(Mail mail) throws MailQueueException {
            queue.enQueue(mail);
        }

        @Override
        public Publisher<Void> enqueueReactive(Mail mail) {
            return queue.enqueueReactive(mail);
        }

        @Override
        public Publisher<MailQueueItem> deQueue() {
            return queue.deQueue();
        }

        @Override
        public void close() throws IOException {
            queue.close();
        }
    }
}
