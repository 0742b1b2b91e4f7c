package org.smtpplus.guice;

import java.time.Clock;
import java.time.Duration;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.utils.UserDefinedStartable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.bounce.BounceRepository;
import org.smtpplus.core.notification.NotificationTemplate;
import org.smtpplus.core.notification.SentNotificationRepository;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.usage.MonthlyReports;
import org.smtpplus.core.usage.UsageRepository;
import org.smtpplus.mailets.MailetNotificationSender;
import org.smtpplus.mailets.NotificationTemplates;

/**
 * Sends each account's monthly report once its month is over (see {@link MonthlyReports}), from
 * {@code conf/monthly-report.template} when the operator wrote one: looks at start, then every
 * {@link MonthlyReports#CHECK_INTERVAL}, by James's clock. Every node runs it; the store decides which node sends each
 * report. James starts it ({@code guice.extension.startable}).
 */
public class MonthlyReportSender implements UserDefinedStartable {
    private static final Logger LOGGER = LoggerFactory.getLogger(MonthlyReportSender.class);
    private static final String TEMPLATE_LOCATION = "file://conf/" + MonthlyReports.TEMPLATE;

    private final AccountRepository accounts;
    private final UsageRepository usage;
    private final BounceRepository bounces;
    private final SentNotificationRepository sent;
    private final MailetNotificationSender sender;
    private final FileSystem fileSystem;
    private final Clock clock;

    @Inject
    public MonthlyReportSender(AccountRepository accounts, UsageRepository usage, BounceRepository bounces,
                               SentNotificationRepository sent, MailetNotificationSender sender, FileSystem fileSystem,
                               Clock clock) {
        this.accounts = accounts;
        this.usage = usage;
        this.bounces = bounces;
        this.sent = sent;
        this.sender = sender;
        this.fileSystem = fileSystem;
        this.clock = clock;
    }

    @Override
    public void start() {
        NotificationTemplate template;
        try {
            template = NotificationTemplates.load(fileSystem, TEMPLATE_LOCATION, MonthlyReports.TEMPLATE);
        } catch (MessagingException e) {
            throw new IllegalStateException("The monthly report template " + e.getMessage(), e);
        }
        MonthlyReports reports = new MonthlyReports(accounts, usage, bounces, sent, sender, template, clock);
        PeriodicTasks.everyUntilExit("smtpplus-monthly-reports", Duration.ZERO, MonthlyReports.CHECK_INTERVAL, () -> sendDue(reports));
        LOGGER.info("SMTP+ monthly reports looked for every {}", MonthlyReports.CHECK_INTERVAL);
    }

    // Never throws: an exception would end the scheduled task for good.
    private static void sendDue(MonthlyReports reports) {
        try {
            reports.sendDue();
        } catch (StoreUnavailableException e) {
            LOGGER.warn("Monthly reports wait for the store: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOGGER.error("Could not look for due monthly reports", e);
        }
    }
}
