package org.smtpplus.launcher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The spool and the outgoing queue of the memory store: James's memory mail queue (its delays, management and
 * ordering; James's own queue contract tests run against it) with each mail's message copied once when it is queued,
 * as bytes ({@link QueuedMessage}). James 3.8.1's MemoryMailQueueFactory copies a queued message three times and
 * parses its header three times, byte by byte, for every mail it takes (MailImpl.duplicate, then a JavaMail copy,
 * then another wrapper): in a profile of the relay at full speed that copying was 22% of its CPU, as much as anything
 * it does for a mail. Its class keeps all of that private, so this one is written beside it instead of over it.
 */
final class MemoryMailQueues implements MailQueueFactory<ManageableMailQueue> {
    private final MailQueueItemDecoratorFactory decorators;
    private final Clock clock;
    private final ConcurrentHashMap<MailQueueName, Queue> queues = new ConcurrentHashMap<>();

    @Inject
    MemoryMailQueues(MailQueueItemDecoratorFactory decorators) {
        this(decorators, Clock.systemUTC());
    }

    MemoryMailQueues(MailQueueItemDecoratorFactory decorators, Clock clock) {
        this.decorators = decorators;
        this.clock = clock;
    }

    @Override
    public Optional<ManageableMailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return Optional.ofNullable(queues.get(name)).map(Queue::reference);
    }

    @Override
    public ManageableMailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return queues.computeIfAbsent(name, this::newQueue).reference();
    }

    private Queue newQueue(MailQueueName name) {
        return new Queue(name, decorators, clock);
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return Set.copyOf(queues.keySet());
    }

    static final class Queue implements ManageableMailQueue {
        // the latest time a ZonedDateTime (browse's) can hold
        private static final Instant FOREVER = Instant.ofEpochMilli(Long.MAX_VALUE);
        private final MailQueueName name;
        private final Clock clock;
        private final AtomicInteger references = new AtomicInteger();
        private final AtomicLong sequence = new AtomicLong();
        private final DelayQueue<Item> waiting = new DelayQueue<>();
        private final Set<Item> taken = ConcurrentHashMap.newKeySet();
        private final Scheduler taker;
        private final Flux<MailQueueItem> items;

        Queue(MailQueueName name, MailQueueItemDecoratorFactory decorators, Clock clock) {
            this.name = name;
            this.clock = clock;
            this.taker = Schedulers.newSingle("memory-mail-queue-" + name.asString());
            // One thread blocks on the delay queue and hands each mail due on to the subscriber.
            this.items = Mono.fromCallable(waiting::take)
                .repeat()
                .subscribeOn(taker)
                .map(item -> {
                    taken.add(item);
                    return decorators.decorate(item, name);
                });
        }

        private Queue reference() {
            references.incrementAndGet();
            return this;
        }

        @Override
        public MailQueueName getName() {
            return name;
        }

        @Override
        public void enQueue(Mail mail, Duration delay) throws MailQueueException {
            try {
                waiting.put(new Item(this, copyOf(mail), due(delay), sequence.incrementAndGet()));
            } catch (MessagingException e) {
                throw new MailQueueException("Could not queue " + mail.getName() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void enQueue(Mail mail) throws MailQueueException {
            enQueue(mail, Duration.ZERO);
        }

        @Override
        public Publisher<Void> enqueueReactive(Mail mail) {
            return Mono.fromCallable(() -> {
                enQueue(mail);
                return true;
            }).then();
        }

        /** What the queue keeps of a mail: what MailImpl.duplicate copies, under the same name, and the message's bytes. */
        private static MailImpl copyOf(Mail mail) throws MessagingException {
            MailImpl copy = MailImpl.duplicateWithoutMessage(mail).state(mail.getState()).build();
            copy.setName(mail.getName());
            if (mail.getMessage() != null) {
                copy.setMessageNoCopy(QueuedMessage.copyOf(mail.getName(), mail.getMessage()));
            }
            return copy;
        }

        private Instant due(Duration delay) {
            Instant now = clock.instant();
            if (delay.isNegative() || delay.isZero()) {
                return now;
            }
            // A delay too long to add (a Duration can be) is for ever, as in James's memory queue
            return delay.compareTo(Duration.between(now, FOREVER)) >= 0 ? FOREVER : now.plus(delay);
        }

        @Override
        public Publisher<MailQueueItem> deQueue() {
            return items;
        }

        @Override
        public long getSize() {
            return waiting.size() + taken.size();
        }

        @Override
        public long flush() {
            long count = 0;
            for (Item item : waiting) {
                if (waiting.remove(item)) {
                    waiting.put(item.dueAt(clock.instant()));
                    count++;
                }
            }
            return count;
        }

        @Override
        public long clear() {
            return removeWhere(item -> true);
        }

        @Override
        public long remove(Type type, String value) {
            switch (type) {
                case Name:
                    return removeWhere(item -> item.mail.getName().equals(value));
                case Sender:
                    return removeWhere(item -> item.mail.getMaybeSender().asString().equals(value));
                case Recipient:
                    return removeWhere(item -> item.mail.getRecipients().stream().map(MailAddress::asString).anyMatch(value::equals));
                default:
                    throw new IllegalArgumentException("Unknown type of removal: " + type);
            }
        }

        private long removeWhere(Predicate<Item> which) {
            long count = 0;
            for (Item item : waiting) {
                if (which.test(item) && waiting.remove(item)) {
                    LifecycleUtil.dispose(item.mail);
                    count++;
                }
            }
            return count;
        }

        @Override
        public MailQueueIterator browse() {
            List<Item> snapshot = new ArrayList<>(waiting);
            snapshot.sort(null);
            Iterator<Item> underlying = snapshot.iterator();
            return new MailQueueIterator() {
                @Override
                public boolean hasNext() {
                    return underlying.hasNext();
                }

                @Override
                public MailQueueItemView next() {
                    Item item = underlying.next();
                    return new DefaultMailQueueItemView(item.mail, Optional.of(item.due.atZone(clock.getZone())));
                }

                @Override
                public void close() {
                    // a snapshot holds nothing open
                }
            };
        }

        @Override
        public void close() {
            if (references.decrementAndGet() <= 0) {
                taker.dispose();
            }
        }
    }

    /** A mail in the queue, due at a time; of two mails due at once, the one queued first comes out first. */
    static final class Item implements ManageableMailQueue.MailQueueItem, Delayed {
        private final Queue queue;
        private final Mail mail;
        private final Instant due;
        private final long sequence;

        private Item(Queue queue, Mail mail, Instant due, long sequence) {
            this.queue = queue;
            this.mail = mail;
            this.due = due;
            this.sequence = sequence;
        }

        private Item dueAt(Instant now) {
            return new Item(queue, mail, now, sequence);
        }

        @Override
        public Mail getMail() {
            return mail;
        }

        @Override
        public void done(CompletionStatus status) throws MailQueue.MailQueueException {
            queue.taken.remove(this);
            if (status == CompletionStatus.RETRY) {
                queue.enQueue(mail);
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            // saturates rather than overflows
            return unit.convert(Duration.between(queue.clock.instant(), due));
        }

        @Override
        public int compareTo(Delayed other) {
            Item that = (Item) other;
            int byTime = due.compareTo(that.due);
            return byTime != 0 ? byTime : Long.compare(sequence, that.sequence);
        }
    }
}
