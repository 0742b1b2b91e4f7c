package org.smtpplus.guice;

import java.time.Duration;

import javax.inject.Inject;

import org.apache.james.utils.UserDefinedStartable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.domain.DomainReadiness;
import org.smtpplus.core.store.StoreUnavailableException;

/**
 * Checks the DNS records of every sending domain once a day (docs/deliverability.md), so that a record removed or
 * changed shows in the domain's status, and a key rotation completes once its record is published. The first check
 * waits a few minutes after the start, out of the way of the start and of the checks every PUT makes. Every node of a
 * cluster runs it. James starts it ({@code guice.extension.startable}).
 */
public class DailyDomainCheck implements UserDefinedStartable {
    static final Duration FIRST_CHECK = Duration.ofMinutes(5);
    static final Duration INTERVAL = Duration.ofHours(24);
    private static final Logger LOGGER = LoggerFactory.getLogger(DailyDomainCheck.class);

    private final DomainReadiness readiness;

    @Inject
    public DailyDomainCheck(DomainReadiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public void start() {
        PeriodicTasks.everyUntilExit("smtpplus-domain-check", FIRST_CHECK, INTERVAL, this::checkAll);
        LOGGER.info("SMTP+ checks the DNS records of the sending domains every {}, first in {}", INTERVAL, FIRST_CHECK);
    }

    // Never throws: an exception would end the scheduled task for good.
    void checkAll() {
        try {
            readiness.checkAll();
        } catch (StoreUnavailableException e) {
            LOGGER.warn("The daily DNS check of the sending domains waits for the store until tomorrow: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOGGER.error("The daily DNS check of the sending domains failed", e);
        }
    }
}
