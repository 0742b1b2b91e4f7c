package org.smtpplus.mailets;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.mail.MessagingException;

import org.apache.james.util.DurationParser;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.GenericMailet;

/**
 * How an SMTP+ mailet waits out a store outage: the mail goes back to the spool, to the same processor, after
 * {@code <retryDelay>} (default 10 seconds), as many times as it takes. Nothing is lost and nothing is decided
 * without the store.
 */
final class SpoolRetry {
    private static final String PARAMETER = "retryDelay";
    /** The parameters {@link #configured} reads: part of the accepted set of every mailet that uses it. */
    static final Set<String> PARAMETERS = Set.of(PARAMETER);
    private static final String DEFAULT_DELAY = "10 seconds";

    static SpoolRetry configured(GenericMailet mailet) {
        return new SpoolRetry(DurationParser.parse(mailet.getInitParameter(PARAMETER, DEFAULT_DELAY), ChronoUnit.SECONDS));
    }

    private final Duration delay;

    private SpoolRetry(Duration delay) {
        this.delay = delay;
    }

    Duration delay() {
        return delay;
    }

    // The queue keeps its own copy of the mail, under the same name: a name derived anew at every retry would hit
    // James's mail-loop guard after a few retries.
    void later(MailetContext context, Mail mail) throws MessagingException {
        context.sendMail(mail, mail.getState(), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
