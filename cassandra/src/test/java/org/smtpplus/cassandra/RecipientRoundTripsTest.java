package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.suppression.Suppression;
import org.smtpplus.core.suppression.SuppressionReason;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * The requests the store makes for the recipients of one message, as {@code PersonalizeEachRecipient} asks for them
 * (suppressions, subscriber fields, registrations), counted by a session that counts what it is asked: requests, and
 * rounds, the waves of requests a spool thread waits for one after another. Step counts, never times.
 */
class RecipientRoundTripsTest {
    private static final Logger LOGGER = LoggerFactory.getLogger(RecipientRoundTripsTest.class);
    private static final String LIST = "customers";
    private static final Instant AT = Instant.parse("2026-12-06T16:00:00Z");
    private static final List<String> RECIPIENTS = IntStream.range(0, 10)
        .mapToObj(i -> "user" + i + "@shop.example").collect(Collectors.toList());

    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension(CassandraSchema.SUBSCRIBERS,
        CassandraSchema.SUBSCRIBERS_BY_STATUS, CassandraSchema.SUPPRESSIONS);

    private CountingSession counting;
    private CassandraSubscriberRepository subscribers;
    private CassandraSuppressionRepository suppressions;

    @BeforeEach
    void setUp() {
        counting = new CountingSession(STORE.session());
        subscribers = new CassandraSubscriberRepository(counting.session());
        suppressions = new CassandraSuppressionRepository(counting.session());
        suppressions.add(new Suppression("someone@else.example", Optional.empty(), SuppressionReason.MANUAL, AT));
    }

    @Test
    void aMessageToTenRecipientsWaitsForAFewRoundsInsteadOfSeveralPerRecipient() {
        Steps oneByOneNew = measure(this::oneByOne);
        Steps oneByOneKnown = measure(this::oneByOne);
        counting.session().execute("TRUNCATE " + CassandraSchema.SUBSCRIBERS);
        counting.session().execute("TRUNCATE " + CassandraSchema.SUBSCRIBERS_BY_STATUS);
        Steps batchedNew = measure(this::batched);
        Steps batchedKnown = measure(this::batched);
        LOGGER.info("10 recipients, per recipient: new {}, known {}; per message: new {}, known {}",
            oneByOneNew, oneByOneKnown, batchedNew, batchedKnown);

        // per recipient: a suppression read, a fields read, a registration read, then 1 write (known) or 2 (new)
        assertThat(oneByOneKnown).isEqualTo(new Steps(40, 40));
        assertThat(oneByOneNew).isEqualTo(new Steps(50, 50));
        // per message: the suppressions, the fields, the registration's rows, then the new subscribers' index entries
        // and their rows (new), or every last_sent (known)
        assertThat(batchedNew.rounds).isEqualTo(5);
        assertThat(batchedKnown.rounds).isEqualTo(4);
        assertThat(batchedKnown.requests).isLessThanOrEqualTo(oneByOneKnown.requests);
        assertThat(batchedNew.requests).isLessThanOrEqualTo(oneByOneNew.requests);
        assertThat(subscribers.getAll(LIST, RECIPIENTS)).hasSize(10);
    }

    private void oneByOne() {
        for (String recipient : RECIPIENTS) {
            suppressions.suppressing(recipient, LIST);
            subscribers.get(LIST, recipient);
        }
        RECIPIENTS.forEach(recipient -> subscribers.registerSent(LIST, recipient, AT));
    }

    private void batched() {
        suppressions.suppressingAll(RECIPIENTS, LIST);
        subscribers.getAll(LIST, RECIPIENTS);
        subscribers.registerSentAll(LIST, RECIPIENTS, AT);
    }

    private Steps measure(Runnable message) {
        counting.reset();
        message.run();
        return new Steps(counting.requests.get(), counting.rounds.get());
    }

    private static final class Steps {
        private final int requests;
        private final int rounds;

        Steps(int requests, int rounds) {
            this.requests = requests;
            this.rounds = rounds;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Steps && ((Steps) other).requests == requests && ((Steps) other).rounds == rounds;
        }

        @Override
        public int hashCode() {
            return 31 * requests + rounds;
        }

        @Override
        public String toString() {
            return requests + " requests in " + rounds + " rounds";
        }
    }

    /**
     * A session that counts the requests executed through it, and the rounds: the waves of requests the test thread
     * waits for one after another. The store may answer a request before the thread has started the next one of the
     * same wave (the machine is busy), so answers are held back until the test thread waits, then given all at once:
     * one round. Requests started by those answers are the next round. A synchronous request is a round of its own.
     * Counted by thread states, never by time.
     */
    private static final class CountingSession {
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger rounds = new AtomicInteger();
        private final Queue<Consumer<CountDownLatch>> held = new ConcurrentLinkedQueue<>();
        private final Thread caller = Thread.currentThread();
        private final CqlSession proxy;

        CountingSession(CqlSession session) {
            this.proxy = (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(), new Class<?>[] {CqlSession.class},
                (self, method, arguments) -> {
                    boolean sync = method.getName().equals("execute");
                    boolean async = method.getName().equals("executeAsync");
                    if (sync || async) {
                        requests.incrementAndGet();
                    }
                    if (sync) {
                        rounds.incrementAndGet();
                    }
                    Object result;
                    try {
                        result = method.invoke(session, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (async && result instanceof CompletionStage) {
                        CompletableFuture<Object> answer = new CompletableFuture<>();
                        held.add(wave -> ((CompletionStage<?>) result).whenComplete((value, failure) -> {
                            // the answer's continuations run here, and what they start is held for the next wave
                            if (failure != null) {
                                answer.completeExceptionally(failure);
                            } else {
                                answer.complete(value);
                            }
                            wave.countDown();
                        }));
                        return answer;
                    }
                    return result;
                });
            Thread gate = new Thread(this::releaseWhenTheCallerWaits, "round-gate");
            gate.setDaemon(true);
            gate.start();
        }

        // A wave is given its answers together, and the next wave waits until they have all been given: what a
        // request's answer starts is one round further, however fast each request of the wave was answered.
        private void releaseWhenTheCallerWaits() {
            while (caller.isAlive()) {
                if (!held.isEmpty() && waiting() && waiting()) {
                    rounds.incrementAndGet();
                    List<Consumer<CountDownLatch>> wave = new ArrayList<>();
                    for (Consumer<CountDownLatch> release = held.poll(); release != null; release = held.poll()) {
                        wave.add(release);
                    }
                    CountDownLatch answered = new CountDownLatch(wave.size());
                    wave.forEach(release -> release.accept(answered));
                    try {
                        answered.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                LockSupport.parkNanos(100_000);
            }
        }

        // Twice, a moment apart, by the caller: a thread passing through a lock while it still starts requests is not
        // waiting for them.
        private boolean waiting() {
            Thread.State state = caller.getState();
            boolean waiting = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
            LockSupport.parkNanos(100_000);
            return waiting;
        }

        CqlSession session() {
            return proxy;
        }

        void reset() {
            requests.set(0);
            rounds.set(0);
        }
    }
}
