package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.mail.MessagingException;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.MailAddress;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.event.MemoryEventStore;
import org.smtpplus.core.pool.IpPool;
import org.smtpplus.core.pool.IpPoolRepository;
import org.smtpplus.core.pool.MemoryIpPoolRepository;
import org.smtpplus.core.pool.PoolSources;
import org.smtpplus.core.pacing.MemoryPaceCounters;
import org.smtpplus.core.pacing.MemoryPacingRuleRepository;
import org.smtpplus.core.pacing.Pacing;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.store.StoreOutage;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class SmtpPlusRemoteDeliveryTest {
    @Test
    void allow8bitmimeIsRefusedForItWouldReEncodeSignedMail() {
        SmtpPlusRemoteDelivery mailet = new SmtpPlusRemoteDelivery(null, null, null, null, null, null, Clock.systemUTC(), null,
            noPools(), unpaced());

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
            new MemoryEventStore(), Clock.systemUTC(), null, noPools(), unpaced());

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
            SmtpPlusSettings.DEFAULT, new MemoryEventStore(), Clock.systemUTC(), null, noPools(), unpaced());

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
    void theConnectionReuseParametersAreAcceptedAndABadValueIsNamed() throws Exception {
        MemoryMailQueueFactory queues = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory());
        SmtpPlusRemoteDelivery mailet = new SmtpPlusRemoteDelivery(null, null, queues, new RecordingMetricFactory(),
            SmtpPlusSettings.DEFAULT, new MemoryEventStore(), Clock.systemUTC(), null, noPools(), unpaced());
        mailet.init(FakeMailetConfig.builder().mailetName("SmtpPlusRemoteDelivery")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("connectionIdleTime", "0")
            .setProperty("maxIdleConnections", "4")
            .build());
        mailet.destroy();

        SmtpPlusRemoteDelivery refused = new SmtpPlusRemoteDelivery(null, null, queues, new RecordingMetricFactory(),
            SmtpPlusSettings.DEFAULT, new MemoryEventStore(), Clock.systemUTC(), null, noPools(), unpaced());
        assertThatThrownBy(() -> refused.init(FakeMailetConfig.builder().mailetName("SmtpPlusRemoteDelivery")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("maxIdleConnections", "-1")
            .build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("maxIdleConnections must be a whole number from 0 to 2147483647, not -1");
    }

    @Test
    void copiesOfAnAccountInAPoolGoToTheQueuesOfItsAddressesInTurn() throws Exception {
        MemoryAccountRepository accounts = new MemoryAccountRepository();
        accounts.save(Account.builder("shop").ipPool("warm").build());
        accounts.save(Account.builder("plain").build());
        MemoryIpPoolRepository pools = new MemoryIpPoolRepository();
        pools.save(new IpPool("warm", List.of("127.0.0.2", "127.0.0.3"), "mta1.example.net"));
        RecordingQueues queues = new RecordingQueues();
        SmtpPlusRemoteDelivery mailet = new SmtpPlusRemoteDelivery(null, null, queues, new RecordingMetricFactory(),
            SmtpPlusSettings.DEFAULT, new MemoryEventStore(), Clock.systemUTC(), null,
            new AccountPools(accounts, pools, new PoolSources(pools)), unpaced());
        mailet.init(FakeMailetConfig.builder().mailetName("SmtpPlusRemoteDelivery")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("outgoing", "outgoing-test")
            .build());
        try {
            // started at init, before any copy: a durable queue's copies from before a restart leave
            assertThat(queues.listCreatedMailQueues()).containsExactlyInAnyOrder(MailQueueName.of("outgoing-test"),
                MailQueueName.of("outgoing-test-from-127.0.0.2-as-mta1.example.net"),
                MailQueueName.of("outgoing-test-from-127.0.0.3-as-mta1.example.net"));

            for (String name : List.of("one", "two", "three")) {
                mailet.service(copy(name, Optional.of("shop")));
            }
            mailet.service(copy("plain", Optional.of("plain")));
            mailet.service(copy("notification", Optional.empty()));

            assertThat(queues.enqueued).containsExactly(
                "outgoing-test-from-127.0.0.2-as-mta1.example.net: one",
                "outgoing-test-from-127.0.0.3-as-mta1.example.net: two",
                "outgoing-test-from-127.0.0.2-as-mta1.example.net: three",
                "outgoing-test: plain",
                "outgoing-test: notification");
        } finally {
            mailet.destroy();
        }
    }

    @Test
    void aCopyWhosePoolTheStoreCannotReadLeavesFromTheDefaultAddress() throws Exception {
        MemoryAccountRepository accounts = new MemoryAccountRepository();
        accounts.save(Account.builder("shop").ipPool("warm").build());
        StoreOutage<IpPoolRepository> pools = StoreOutage.of(IpPoolRepository.class, new MemoryIpPoolRepository());
        pools.working().save(new IpPool("warm", List.of("127.0.0.2"), "mta1.example.net"));
        pools.down();
        RecordingQueues queues = new RecordingQueues();
        SmtpPlusRemoteDelivery mailet = new SmtpPlusRemoteDelivery(null, null, queues, new RecordingMetricFactory(),
            SmtpPlusSettings.DEFAULT, new MemoryEventStore(), Clock.systemUTC(), null,
            new AccountPools(accounts, pools.port(), new PoolSources(pools.port())), unpaced());
        mailet.init(FakeMailetConfig.builder().mailetName("SmtpPlusRemoteDelivery")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("outgoing", "outgoing-test")
            .build());
        try {
            mailet.service(copy("one", Optional.of("shop")));

            assertThat(queues.enqueued).containsExactly("outgoing-test: one");
        } finally {
            mailet.destroy();
        }
    }

    private static Mail copy(String name, Optional<String> account) throws MessagingException {
        Mail mail = FakeMail.builder().name(name).sender("news@shop.example").recipient("jane@example.com").build();
        account.ifPresent(of -> MailAttributes.setEventContext(mail,
            new EventContext(of, Optional.empty(), List.of(), "default", "<" + name + "@shop.example>", 100)));
        return mail;
    }

    private static AccountPools noPools() {
        MemoryIpPoolRepository pools = new MemoryIpPoolRepository();
        return new AccountPools(new MemoryAccountRepository(), pools, new PoolSources(pools));
    }

    /** Queues that record what is enqueued, named, and never hand anything to delivery. */
    private static final class RecordingQueues implements MailQueueFactory<MailQueue> {
        private final List<String> enqueued = new CopyOnWriteArrayList<>();
        private final Map<MailQueueName, MailQueue> queues = new ConcurrentHashMap<>();

        @Override
        public Optional<MailQueue> getQueue(MailQueueName name, PrefetchCount count) {
            return Optional.ofNullable(queues.get(name));
        }

        @Override
        public MailQueue createQueue(MailQueueName name, PrefetchCount count) {
            return queues.computeIfAbsent(name, any -> new MailQueue() {
                @Override
                public MailQueueName getName() {
                    return name;
                }

                @Override
                public void enQueue(Mail mail, Duration delay) {
                    enQueue(mail);
                }

                @Override
                public void enQueue(Mail mail) {
                    enqueued.add(name.asString() + ": " + mail.getName().replace("-to-example.com", ""));
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
            });
        }

        @Override
        public Set<MailQueueName> listCreatedMailQueues() {
            return queues.keySet();
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
