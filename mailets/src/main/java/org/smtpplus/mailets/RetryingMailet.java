package org.smtpplus.mailets;

import java.util.Set;

import javax.mail.MessagingException;

import com.google.common.collect.Sets;

/**
 * An SMTP+ mailet that needs the store and waits out its outages with {@link SpoolRetry}. Its start accepts the
 * retry's parameter beside the mailet's own ones, so that a misspelt parameter of either fails at start, and reads it.
 */
public abstract class RetryingMailet extends SmtpPlusMailet {
    private SpoolRetry retry;

    @Override
    public final void init() throws MessagingException {
        checkInitParameters(Sets.union(SpoolRetry.PARAMETERS, ownParameters()));
        retry = SpoolRetry.configured(this);
        configure();
    }

    /** The mailet's own parameters, beside {@code retryDelay}. */
    Set<String> ownParameters() {
        return Set.of();
    }

    /** Reads the mailet's own parameters. */
    void configure() throws MessagingException {
    }

    SpoolRetry retry() {
        return retry;
    }
}
