package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.bounce.BounceQuery;
import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.domain.SendingDomain;
import org.smtpplus.core.domain.SendingDomainRepositoryContract;
import org.smtpplus.core.pacing.PacingRule;
import org.smtpplus.core.schedule.ParkedMail;
import org.smtpplus.core.schedule.ScheduledMessage;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.subscriber.SubscriberStatus;
import org.smtpplus.core.suppression.Suppression;
import org.smtpplus.core.suppression.SuppressionReason;
import org.smtpplus.core.webhook.WebhookStatus;

/**
 * Stops the shared node: an outage must read as "try again later", quickly, and the store must recover on its own.
 */
class CassandraUnavailabilityTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    // a failing call answers at once (connections are refused) or after the request timeout, plus scheduling slack
    private static final Duration PROMPT = Duration.ofSeconds(5);
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension(CassandraSchema.ACCOUNTS, CassandraSchema.USAGE_COUNTERS);

    private CassandraStore store;

    @BeforeEach
    void setUp() {
        store = CassandraStore.start(STORE.configuration()
            .keyspace(STORE.keyspaceConfiguration().keyspace())
            .requestTimeout(REQUEST_TIMEOUT)
            .build());
    }

    @AfterEach
    void tearDown() {
        store.close();
        if (!STORE.cassandra().isRunning()) {
            STORE.cassandra().restart();
        }
    }

    @Test
    void everyRepositoryThrowsStoreUnavailablePromptlyWhileCassandraIsDownAndWorksAgainAfterARestart() {
        store.accounts().save(Account.withDefaults("shop"));
        SendingDomain shopDomain = SendingDomainRepositoryContract.registered("shop.example", "shop");

        STORE.cassandra().stop();

        assertUnavailable(() -> store.accounts().get("shop"), "AccountRepository.get");
        assertUnavailable(() -> store.accounts().list(), "AccountRepository.list");
        assertUnavailable(() -> store.subscribers().get("customers", "a@example.com"), "SubscriberRepository.get");
        assertUnavailable(() -> store.subscribers().registerSent("customers", "a@example.com", Instant.now()),
            "SubscriberRepository.registerSent");
        assertUnavailable(() -> store.subscribers().page("customers", Optional.of(SubscriberStatus.ACTIVE), 10, Optional.empty()),
            "SubscriberRepository.page");
        assertUnavailable(() -> store.subscribers().getAll("customers", List.of("a@example.com", "b@example.com")),
            "SubscriberRepository.getAll");
        assertUnavailable(() -> store.subscribers().registerSentAll("customers", List.of("a@example.com", "b@example.com"),
            Instant.now()), "SubscriberRepository.registerSentAll");
        assertUnavailable(() -> store.suppressions().suppressing("a@example.com", "customers"), "SuppressionRepository.forAddress");
        assertUnavailable(() -> store.suppressions().suppressingAll(List.of("a@example.com", "b@example.com"), "customers"),
            "SuppressionRepository.suppressingAll");
        assertUnavailable(() -> store.suppressions().add(new Suppression("a@example.com", Optional.empty(), SuppressionReason.MANUAL,
            Instant.now())), "SuppressionRepository.add");
        assertUnavailable(() -> store.suppressions().all(Optional.empty(), Optional.empty()).count(), "SuppressionRepository.all");
        assertUnavailable(() -> store.bounces().record(new Bounce("a@example.com", BounceReason.MAILBOX_FULL, Optional.of("4.2.2"),
            "mailbox full", Instant.now(), "shop", "<m@example.com>")), "BounceRepository.record");
        assertUnavailable(() -> store.bounces().softBouncedMessagesSince("a@example.com", Instant.now()),
            "BounceRepository.softBouncedMessagesSince");
        assertUnavailable(() -> store.bounces().get("a@example.com", "<m@example.com>"), "BounceRepository.get");
        assertUnavailable(() -> store.bounces().find(new BounceQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())), "BounceRepository.find");
        assertUnavailable(() -> store.usage().add("shop", YearMonth.of(2026, 11), 1, 100), "UsageRepository.add");
        assertUnavailable(() -> store.sentNotifications().claim("bounce-digest/shop/2026-11-21", Instant.now()),
            "SentNotificationRepository.claim");
        assertUnavailable(() -> store.sentNotifications().claimedAt("bounce-digest/shop/2026-11-21"),
            "SentNotificationRepository.claimedAt");
        assertUnavailable(() -> store.scheduledMessages().park(new ScheduledMessage("s1", "<m@example.com>", Optional.of("batch"),
            Instant.now().plusSeconds(60), "shop", List.of("a@example.com"))), "ScheduledMessageRepository.park");
        assertUnavailable(() -> store.scheduledMessages().pending(Optional.empty()), "ScheduledMessageRepository.pending");
        assertUnavailable(() -> store.scheduledMessages().pending(Optional.of("batch")), "ScheduledMessageRepository.pending");
        assertUnavailable(() -> store.scheduledMessages().countPending(), "ScheduledMessageRepository.countPending");
        assertUnavailable(() -> store.scheduledMessages().cancel("batch"), "ScheduledMessageRepository.cancel");
        assertUnavailable(() -> store.scheduledMessages().release("s1"), "ScheduledMessageRepository.release");
        assertUnavailable(() -> store.scheduledMessages().requeue("s1"), "ScheduledMessageRepository.requeue");
        assertUnavailable(() -> store.scheduledMessages().due(Instant.now(), 10), "ScheduledMessageRepository.due");
        assertUnavailable(() -> store.parkedMails().keep("<m@example.com>", new ParkedMail("Mail1", Optional.empty(),
            List.of("a@example.com"), Map.of(), new byte[] {1})),
            "ParkedMailRepository.keep");
        assertUnavailable(() -> store.parkedMails().get("<m@example.com>"), "ParkedMailRepository.get");
        assertUnavailable(() -> store.parkedMails().delete("<m@example.com>"), "ParkedMailRepository.delete");
        assertUnavailable(() -> store.sendingDomains().get("shop.example"), "SendingDomainRepository.get");
        assertUnavailable(() -> store.sendingDomains().list(), "SendingDomainRepository.list");
        assertUnavailable(() -> store.sendingDomains().insertIfAbsent(shopDomain), "SendingDomainRepository.insertIfAbsent");
        assertUnavailable(() -> store.sendingDomains().delete("shop.example"), "SendingDomainRepository.delete");
        assertUnavailable(() -> store.pacingRules().list(), "PacingRuleRepository.list");
        assertUnavailable(() -> store.pacingRules().put(PacingRule.of("gmail.com", 600, 4)), "PacingRuleRepository.put");
        assertUnavailable(() -> store.pacingRules().delete("gmail.com"), "PacingRuleRepository.delete");
        assertUnavailable(() -> store.paceCounters().increment("gmail.com", 29_400_000L), "PaceCounters.increment");
        assertUnavailable(() -> store.paceCounters().add("gmail.com", 29_400_000L, 10), "PaceCounters.add");
        assertUnavailable(() -> store.paceCounters().forget("gmail.com", 29_400_000L), "PaceCounters.forget");
        assertUnavailable(() -> store.webhooks().get("shop-events"), "WebhookRepository.get");
        assertUnavailable(() -> store.webhooks().list(), "WebhookRepository.list");
        assertUnavailable(() -> store.webhooks().status("shop-events"), "WebhookRepository.status");
        assertUnavailable(() -> store.webhooks().saveStatus("shop-events", WebhookStatus.NEW), "WebhookRepository.saveStatus");
        assertUnavailable(() -> store.webhookOutbox().append("shop-events", List.of("{}")), "WebhookOutbox.append");
        assertUnavailable(() -> store.webhookOutbox().head("shop-events", 100), "WebhookOutbox.head");
        assertUnavailable(() -> store.webhookOutbox().backlog("shop-events"), "WebhookOutbox.backlog");
        assertUnavailable(() -> store.webhookLeases().hold("shop-events", "node-1", Duration.ofSeconds(30)), "WebhookLeases.hold");

        STORE.cassandra().restart();

        assertThat(eventually(() -> store.accounts().get("shop"))).contains(Account.withDefaults("shop"));
        store.usage().add("shop", YearMonth.of(2026, 11), 1, 100);
        assertThat(store.usage().get("shop", YearMonth.of(2026, 11)).messages()).isEqualTo(1);
    }

    @Test
    void startingWhileCassandraIsDownThrowsStoreUnavailable() {
        STORE.cassandra().stop();

        Instant start = Instant.now();
        assertThatThrownBy(() -> CassandraStore.start(STORE.configuration()
                .keyspace(STORE.keyspaceConfiguration().keyspace())
                .requestTimeout(REQUEST_TIMEOUT)
                .build()))
            .isInstanceOf(StoreUnavailableException.class);
        assertThat(Duration.between(start, Instant.now())).isLessThan(PROMPT.multipliedBy(2));
    }

    private static void assertUnavailable(ThrowingCallable call, String operation) {
        Instant start = Instant.now();
        assertThatThrownBy(call)
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining(operation);
        assertThat(Duration.between(start, Instant.now())).isLessThan(PROMPT);
    }

    private static <T> T eventually(Supplier<T> call) {
        Instant deadline = Instant.now().plus(RECOVERY);
        while (true) {
            try {
                return call.get();
            } catch (StoreUnavailableException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
