package org.smtpplus.mailets;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/**
 * When a mail was first handled, kept on the mail: a report that waits out a store outage and is handled again
 * records its events at the same instant, so the events are the same ones (the same id) and count once.
 */
final class FirstHandling {
    private static final AttributeName FIRST_HANDLED_AT = AttributeName.of("smtpplus.firstHandledAt");

    static Instant at(Mail mail, Clock clock) {
        return AttributeUtils.getValueAndCastFromMail(mail, FIRST_HANDLED_AT, String.class)
            .map(Instant::parse)
            .orElseGet(() -> {
                // Stores keep milliseconds: a retry's instant must equal the one stored by the first try.
                Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                mail.setAttribute(new Attribute(FIRST_HANDLED_AT, AttributeValue.of(now.toString())));
                return now;
            });
    }

    private FirstHandling() {
    }
}
