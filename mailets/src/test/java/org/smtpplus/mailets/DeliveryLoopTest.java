package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.mail.MessagingException;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.james.transport.mailets.remote.delivery.DeliveryRetriesHelper;
import org.apache.james.transport.mailets.remote.delivery.ExecutionResult;
import org.apache.james.transport.mailets.remote.delivery.MailDelivrer;
import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class DeliveryLoopTest {
    private final FakeMailContext context = FakeMailContext.defaultContext();
    private final List<Mail> delivered = new ArrayList<>();
    private final List<Mail> bounced = new ArrayList<>();
    private final RecordingQueue queue = new RecordingQueue();

    @Test
    void aDeliveredMailIsHandedOverOnTheDeliveryThreadAndDone() throws Exception {
        Item item = new Item(mail("ann@example.com"));

        loop(ExecutionResult.success(), Map.of()).handle(item);

        assertThat(delivered).extracting(Mail::getName).containsExactly("mail");
        assertThat(item.status).containsExactly(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
        assertThat(context.getSentMails()).isEmpty();
        assertThat(queue.delays).isEmpty();
    }

    @Test
    void anOnSuccessProcessorStillGetsTheMailMarkedAsRecorded() throws Exception {
        loop(ExecutionResult.success(), Map.of("onSuccess", "my-sent")).handle(new Item(mail("ann@example.com")));

        assertThat(delivered).hasSize(1);
        assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.getState()).isEqualTo("my-sent");
            assertThat(sent.getAttributes()).containsKey(RecordDeliveryEvent.SENT_RECORDED);
        });
    }

    @Test
    void aDeliveredMailWhoseHandOverFailsIsNotSentAgain() throws Exception {
        Item item = new Item(mail("ann@example.com"));
        RemoteDeliveryConfiguration configuration = configuration(Map.of());
        DeliveryLoop loop = new DeliveryLoop(queue, configuration, new MailDelivrer(configuration, null, null, null, context) {
            @Override
            public ExecutionResult deliver(Mail mail) {
                return ExecutionResult.success();
            }
        }, bouncer(Map.of()), context, mail -> {
            throw new IllegalStateException("no store");
        }, new RecordingMetricFactory());

        loop.handle(item);

        assertThat(item.status).containsExactly(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
        assertThat(queue.delays).isEmpty();
    }

    @Test
    void aTemporaryFailureIsQueuedAgainWithTheNextDelayAndCounted() throws Exception {
        Mail mail = mail("bob@example.com");
        DeliveryLoop loop = loop(ExecutionResult.temporaryFailure(new MessagingException("451 busy")),
            Map.of("delayTime", "5000, 120000", "maxRetries", "2"));

        loop.handle(new Item(mail));
        loop.handle(new Item(mail));

        assertThat(queue.delays).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(2));
        assertThat(DeliveryRetriesHelper.retrieveRetries(mail)).isEqualTo(2);
        assertThat(mail.getState()).isEqualTo(Mail.ERROR);
        assertThat(mail.getAttribute(Bouncer.IS_DELIVERY_PERMANENT_ERROR)).hasValueSatisfying(attribute ->
            assertThat(attribute.getValue()).isEqualTo(AttributeValue.of(false)));
        assertThat(bounced).isEmpty();

        loop.handle(new Item(mail));

        assertThat(queue.delays).hasSize(2);
        assertThat(bounced).containsExactly(mail);
        assertThat(delivered).isEmpty();
    }

    @Test
    void aPermanentFailureIsBouncedAtOnce() throws Exception {
        Mail mail = mail("cid@example.com");

        loop(ExecutionResult.permanentFailure(new MessagingException("550 no such user")), Map.of()).handle(new Item(mail));

        assertThat(bounced).containsExactly(mail);
        assertThat(mail.getAttribute(Bouncer.IS_DELIVERY_PERMANENT_ERROR)).hasValueSatisfying(attribute ->
            assertThat(attribute.getValue()).isEqualTo(AttributeValue.of(true)));
        assertThat(queue.delays).isEmpty();
    }

    @Test
    void anUnexpectedFailureLeavesTheMailInTheQueue() throws Exception {
        Item item = new Item(mail("dan@example.com"));
        DeliveryLoop loop = new DeliveryLoop(queue, configuration(Map.of()), new MailDelivrer(configuration(Map.of()), null,
            null, null, context) {
            @Override
            public ExecutionResult deliver(Mail mail) {
                throw new IllegalStateException("broken");
            }
        }, bouncer(Map.of()), context, delivered::add, new RecordingMetricFactory());

        loop.handle(item);

        assertThat(item.status).containsExactly(MailQueue.MailQueueItem.CompletionStatus.RETRY);
        assertThat(delivered).isEmpty();
    }

    private DeliveryLoop loop(ExecutionResult result, Map<String, String> parameters) {
        RemoteDeliveryConfiguration configuration = configuration(parameters);
        MailDelivrer delivrer = new MailDelivrer(configuration, null, null, null, context) {
            @Override
            public ExecutionResult deliver(Mail mail) {
                return result;
            }
        };
        return new DeliveryLoop(queue, configuration, delivrer, bouncer(parameters), context, delivered::add,
            new RecordingMetricFactory());
    }

    private Bouncer bouncer(Map<String, String> parameters) {
        return new Bouncer(configuration(parameters), context) {
            @Override
            public void bounce(Mail mail, Exception ex) {
                bounced.add(mail);
            }
        };
    }

    private RemoteDeliveryConfiguration configuration(Map<String, String> parameters) {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("RemoteDelivery").mailetContext(context)
            .setProperty("heloName", "relay.test.example");
        parameters.forEach(config::setProperty);
        return new RemoteDeliveryConfiguration(config.build(), null);
    }

    private static Mail mail(String recipient) throws MessagingException {
        return FakeMail.builder().name("mail").sender("app@shop.example").recipient(recipient).build();
    }

    private static final class Item implements MailQueue.MailQueueItem {
        private final Mail mail;
        private final List<CompletionStatus> status = new ArrayList<>();

        Item(Mail mail) {
            this.mail = mail;
        }

        @Override
        public Mail getMail() {
            return mail;
        }

        @Override
        public void done(CompletionStatus completion) {
            status.add(completion);
        }
    }

    private static final class RecordingQueue implements MailQueue {
        private final List<Duration> delays = new ArrayList<>();

        @Override
        public MailQueueName getName() {
            return MailQueueName.of("outgoing");
        }

        @Override
        public void enQueue(Mail mail, Duration delay) {
            delays.add(delay);
        }

        @Override
        public void enQueue(Mail mail) {
            delays.add(Duration.ZERO);
        }

        @Override
        public Publisher<Void> enqueueReactive(Mail mail) {
            return Mono.fromRunnable(() -> enQueue(mail));
        }

        @Override
        public Publisher<MailQueueItem> deQueue() {
            return Flux.never();
        }

        @Override
        public void close() {
        }
    }
}
