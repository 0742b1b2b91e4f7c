package org.smtpplus.mailets;

import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.usage.UncountedUsage;
import org.smtpplus.core.usage.UsageMeter;

/**
 * Counts the usage of a submission the store could not count when the relay accepted it (an account without a plan,
 * during an outage: see {@code PlanLimitHook}), into the month it was accepted in. The marker is removed once counted,
 * so a later retry of another mailet does not count it again. Mail without the marker passes.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code retryDelay} (default {@code 10 seconds}): how long the mail waits in this processor during a store
 *   outage before it comes back.</li>
 * </ul>
 * Any other parameter fails the mailet's start.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpplus.mailets.CountUsageAfterOutage"/>
 * }</pre>
 */
public class CountUsageAfterOutage extends RetryingMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(CountUsageAfterOutage.class);

    private final UsageMeter meter;

    @Inject
    public CountUsageAfterOutage(UsageMeter meter) {
        this.meter = meter;
    }

    @Override
    protected void process(Mail mail) throws MessagingException {
        Optional<String> account = MailAttributes.accountOf(mail);
        if (account.isEmpty()) {
            return;
        }
        Optional<UncountedUsage> uncounted = MailAttributes.uncountedUsageOf(mail);
        if (uncounted.isEmpty()) {
            return;
        }
        UncountedUsage usage = uncounted.get();
        try {
            meter.count(account.get(), usage.month(), usage.messages(), usage.bytes());
            MailAttributes.removeUncountedUsage(mail);
        } catch (StoreUnavailableException e) {
            LOGGER.warn("The store is unavailable ({}): {} waits {} before its usage is counted", e.getMessage(),
                mail.getName(), retry().delay());
            retry().later(getMailetContext(), mail);
            mail.setState(Mail.GHOST);
        }
    }
}
