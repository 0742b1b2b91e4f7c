package org.smtpplus.core.backend;

import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.bounce.BounceRepository;
import org.smtpplus.core.domain.SendingDomainRepository;
import org.smtpplus.core.notification.SentNotificationRepository;
import org.smtpplus.core.pool.IpPoolRepository;
import org.smtpplus.core.pacing.PaceCounters;
import org.smtpplus.core.pacing.PacingRuleRepository;
import org.smtpplus.core.schedule.ParkedMailRepository;
import org.smtpplus.core.schedule.ScheduledMessageRepository;
import org.smtpplus.core.subscriber.SubscriberRepository;
import org.smtpplus.core.suppression.SuppressionRepository;
import org.smtpplus.core.usage.UsageRepository;
import org.smtpplus.core.webhook.WebhookLeases;
import org.smtpplus.core.webhook.WebhookOutbox;
import org.smtpplus.core.webhook.WebhookRepository;

/**
 * The state of the relay (SMTPPLUS_STORE): one implementation per backend, so that every repository of a relay
 * lives in the same place.
 */
public interface Store extends AutoCloseable {
    AccountRepository accounts();

    SubscriberRepository subscribers();

    SuppressionRepository suppressions();

    BounceRepository bounces();

    UsageRepository usage();

    SentNotificationRepository sentNotifications();

    ScheduledMessageRepository scheduledMessages();

    ParkedMailRepository parkedMails();

    SendingDomainRepository sendingDomains();

    IpPoolRepository ipPools();

    PacingRuleRepository pacingRules();

    PaceCounters paceCounters();

    WebhookRepository webhooks();

    WebhookOutbox webhookOutbox();

    WebhookLeases webhookLeases();

    @Override
    void close();
}
