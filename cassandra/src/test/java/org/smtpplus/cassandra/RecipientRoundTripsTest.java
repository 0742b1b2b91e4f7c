package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
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
 * rounds, the times it went from idle to busy, which is what a spool thread waits for one after another. Step counts,
 * never times.
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
        // per message: the suppressions, the fields, the registration's rows, its new subscribers, its last_sent
        assertThat(batchedNew.rounds).isLessThanOrEqualTo(5);
        assertThat(batchedKnown.rounds).isLessThanOrEqualTo(5);
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

    /** A session that counts the requests executed through it, and the rounds: a request started while none runs. */
    private static final class CountingSession {
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger rounds = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final CqlSession proxy;

        CountingSession(CqlSession session) {
            this.proxy = (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(), new Class<?>[] {CqlSession.class},
                (self, method, arguments) -> {
                    boolean request = method.getName().equals("execute") || method.getName().equals("executeAsync");
                    if (request) {
                        requests.incrementAndGet();
                        if (inFlight.getAndIncrement() == 0) {
                            rounds.incrementAndGet();
                        }
                    }
                    Object result;
                    try {
                        result = method.invoke(session, arguments);
                    } catch (InvocationTargetException e) {
                        if (request) {
                            inFlight.decrementAndGet();
                        }
                        throw e.getCause();
                    }
                    if (request && result instanceof CompletionStage) {
                        // decremented before the caller's continuations run, so a request they start counts as a round
                        // only when nothing else is in flight
                        return ((CompletionStage<?>) result).whenComplete((any, failure) -> inFlight.decrementAndGet());
                    }
                    if (request) {
                        inFlight.decrementAndGet();
                    }
                    return result;
                });
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
