package org.smtpplus.mailets;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;

/**
 * A mail queue factory that hands out its delegate's queues, each wrapped by {@link #wrap}: the base of the outgoing
 * queue's decorators ({@link PacingQueueFactory}, {@link DeferralRecordingQueueFactory}), which change a few calls of
 * a queue and forward the others ({@link Queue}). Guava has no forwarding classes for James's interfaces.
 */
abstract class ForwardingMailQueueFactory implements MailQueueFactory<MailQueue> {
    private final MailQueueFactory<? extends MailQueue> delegate;

    ForwardingMailQueueFactory(MailQueueFactory<? extends MailQueue> delegate) {
        this.delegate = delegate;
    }

    /** The queue as this factory hands it out. */
    abstract MailQueue wrap(MailQueue queue);

    @Override
    public Optional<MailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return delegate.getQueue(name, count).map(this::wrap);
    }

    @Override
    public MailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return wrap(delegate.createQueue(name, count));
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return delegate.listCreatedMailQueues();
    }

    /** A queue that forwards every call to {@code delegate}; subclasses change the calls they decorate. */
    static class Queue implements MailQueue {
        final MailQueue delegate;

        Queue(MailQueue delegate) {
            this.delegate = delegate;
        }

        @Override
        public MailQueueName getName() {
            return delegate.getName();
        }

        @Override
        public void enQueue(Mail mail, Duration delay) throws MailQueueException {
            delegate.enQueue(mail, delay);
        }

        @Override
        public void enQueue(Mail mail) throws MailQueueException {
            delegate.enQueue(mail);
        }

        @Override
        public Publisher<Void> enqueueReactive(Mail mail) {
            return delegate.enqueueReactive(mail);
        }

        @Override
        public Publisher<MailQueueItem> deQueue() {
            return delegate.deQueue();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
