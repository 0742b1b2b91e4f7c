package org.smtpplus.core.backend;

import java.time.Clock;

import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.bounce.BounceRepository;
import org.smtpplus.core.bounce.MemoryBounceRepository;
import org.smtpplus.core.domain.MemorySendingDomainRepository;
import org.smtpplus.core.domain.SendingDomainRepository;
import org.smtpplus.core.notification.MemorySentNotificationRepository;
import org.smtpplus.core.notification.SentNotificationRepository;
import org.smtpplus.core.pool.IpPoolRepository;
import org.smtpplus.core.pool.MemoryIpPoolRepository;
import org.smtpplus.core.pacing.MemoryPaceCounters;
import org.smtpplus.core.pacing.MemoryPacingRuleRepository;
import org.smtpplus.core.pacing.PaceCounters;
import org.smtpplus.core.pacing.PacingRuleRepository;
import org.smtpplus.core.schedule.MemoryParkedMailRepository;
import org.smtpplus.core.schedule.MemoryScheduledMessageRepository;
import org.smtpplus.core.schedule.ParkedMailRepository;
import org.smtpplus.core.schedule.ScheduledMessageRepository;
import org.smtpplus.core.subscriber.MemorySubscriberRepository;
import org.smtpplus.core.subscriber.SubscriberRepository;
import org.smtpplus.core.suppression.MemorySuppressionRepository;
import org.smtpplus.core.suppression.SuppressionRepository;
import org.smtpplus.core.usage.MemoryUsageRepository;
import org.smtpplus.core.usage.UsageRepository;
import org.smtpplus.core.webhook.MemoryWebhookLeases;
import org.smtpplus.core.webhook.MemoryWebhookOutbox;
import org.smtpplus.core.webhook.MemoryWebhookRepository;
import org.smtpplus.core.webhook.WebhookLeases;
import org.smtpplus.core.webhook.WebhookOutbox;
import org.smtpplus.core.webhook.WebhookRepository;

/**
 * SMTPPLUS_STORE=memory: everything in this JVM, gone at restart.
 */
public final class MemoryStore implements Store {
    private final AccountRepository accounts = new MemoryAccountRepository();
    private final SubscriberRepository subscribers = new MemorySubscriberRepository();
    private final SuppressionRepository suppressions = new MemorySuppressionRepository();
    private final BounceRepository bounces = new MemoryBounceRepository();
    private final UsageRepository usage = new MemoryUsageRepository();
    private final SentNotificationRepository sentNotifications = new MemorySentNotificationRepository();
    private final ScheduledMessageRepository scheduledMessages = new MemoryScheduledMessageRepository();
    private final ParkedMailRepository parkedMails = new MemoryParkedMailRepository();
    private final SendingDomainRepository sendingDomains = new MemorySendingDomainRepository();
    private final IpPoolRepository ipPools = new MemoryIpPoolRepository();
    private final PacingRuleRepository pacingRules = new MemoryPacingRuleRepository();
    private final PaceCounters paceCounters = new MemoryPaceCounters();
    private final WebhookRepository webhooks = new MemoryWebhookRepository();
    private final WebhookOutbox webhookOutbox = new MemoryWebhookOutbox(Clock.systemUTC());
    private final WebhookLeases webhookLeases = new MemoryWebhookLeases(Clock.systemUTC());

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
    }
}
