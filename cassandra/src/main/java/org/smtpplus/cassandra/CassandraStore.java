package org.smtpplus.cassandra;

import java.time.Clock;
import java.time.Duration;

import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.bounce.BounceRepository;
import org.smtpplus.core.domain.SendingDomainRepository;
import org.smtpplus.core.notification.SentNotificationRepository;
import org.smtpplus.core.pool.IpPoolRepository;
import org.smtpplus.core.pacing.PaceCounters;
import org.smtpplus.core.pacing.PacingRuleRepository;
import org.smtpplus.core.schedule.ParkedMailRepository;
import org.smtpplus.core.schedule.ScheduledMessageRepository;
import org.smtpplus.core.backend.Store;
import org.smtpplus.core.subscriber.SubscriberRepository;
import org.smtpplus.core.suppression.SuppressionRepository;
import org.smtpplus.core.usage.UsageRepository;
import org.smtpplus.core.webhook.WebhookLeases;
import org.smtpplus.core.webhook.WebhookOutbox;
import org.smtpplus.core.webhook.WebhookRepository;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * The Cassandra store: one session and the repositories over it. Thread-safe; close it once, at shutdown.
 */
public final class CassandraStore implements Store {
    // more than the relay's nodes' clocks may disagree, plus an append's write (CassandraWebhookOutbox)
    private static final Duration WEBHOOK_OUTBOX_SETTLE = Duration.ofSeconds(2);

    /**
     * Connects, creates what is missing of the keyspace and tables, and prepares the statements.
     *
     * @throws org.smtpplus.core.store.StoreUnavailableException when Cassandra cannot be reached
     */
    public static CassandraStore start(CassandraStoreConfiguration configuration) {
        CqlSession session = CassandraSessionFactory.create(configuration);
        try {
            return CassandraFailures.translated("CassandraStore.start (preparing statements)", () -> new CassandraStore(session));
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private final CqlSession session;
    private final CassandraAccountRepository accounts;
    private final CassandraSubscriberRepository subscribers;
    private final CassandraSuppressionRepository suppressions;
    private final CassandraBounceRepository bounces;
    private final CassandraUsageRepository usage;
    private final CassandraSentNotificationRepository sentNotifications;
    private final CassandraScheduledMessageRepository scheduledMessages;
    private final CassandraParkedMailRepository parkedMails;
    private final CassandraSendingDomainRepository sendingDomains;
    private final CassandraIpPoolRepository ipPools;
    private final CassandraPacingRuleRepository pacingRules;
    private final CassandraPaceCounters paceCounters;
    private final CassandraWebhookRepository webhooks;
    private final CassandraWebhookOutbox webhookOutbox;
    private final CassandraWebhookLeases webhookLeases;

    /**
     * @param session bound to a keyspace holding the schema ({@link CassandraSessionFactory#create}); closed by
     *                {@link #close()}
     */
    public CassandraStore(CqlSession session) {
        this.session = session;
        this.accounts = new CassandraAccountRepository(session);
        this.subscribers = new CassandraSubscriberRepository(session);
        this.suppressions = new CassandraSuppressionRepository(session);
        this.bounces = new CassandraBounceRepository(session);
        this.usage = new CassandraUsageRepository(session);
        this.sentNotifications = new CassandraSentNotificationRepository(session);
        this.scheduledMessages = new CassandraScheduledMessageRepository(session);
        this.parkedMails = new CassandraParkedMailRepository(session);
        this.sendingDomains = new CassandraSendingDomainRepository(session);
        this.ipPools = new CassandraIpPoolRepository(session);
        this.pacingRules = new CassandraPacingRuleRepository(session);
        this.paceCounters = new CassandraPaceCounters(session);
        this.webhooks = new CassandraWebhookRepository(session);
        this.webhookOutbox = new CassandraWebhookOutbox(session, Clock.systemUTC(), WEBHOOK_OUTBOX_SETTLE);
        this.webhookLeases = new CassandraWebhookLeases(session);
    }

    @Override
    public AccountRepository accounts() {
        return accounts;
    }

    @Override
    public SubscriberRepository subscribers() {
        return subscribers;
    }

    @Override
    public SuppressionRepository suppressions() {
        return suppressions;
    }

    @Override
    public BounceRepository bounces() {
        return bounces;
    }

    @Override
    public UsageRepository usage() {
        return usage;
    }

    @Override
    public SentNotificationRepository sentNotifications() {
        return sentNotifications;
    }

    @Override
    public ScheduledMessageRepository scheduledMessages() {
        return scheduledMessages;
    }

    @Override
    public ParkedMailRepository parkedMails() {
        return parkedMails;
    }

    /** For other parts of SMTP+ that keep data in the same keyspace. */
    public CqlSession session() {
        return session;
    }

    @Override
    public SendingDomainRepository sendingDomains() {
        return sendingDomains;
    }

    @Override
    public IpPoolRepository ipPools() {
        return ipPools;
    }

    @Override
    public PacingRuleRepository pacingRules() {
        return pacingRules;
    }

    @Override
    public PaceCounters paceCounters() {
        return paceCounters;
    }

    @Override
    public WebhookRepository webhooks() {
        return webhooks;
    }

    @Override
    public WebhookOutbox webhookOutbox() {
        return webhookOutbox;
    }

    @Override
    public WebhookLeases webhookLeases() {
        return webhookLeases;
    }

    @Override
    public void close() {
        session.close();
    }
}
