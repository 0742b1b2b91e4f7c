package org.smtpplus.it;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Mailgun's SMTP sending options, written by hand as Mailgun's documentation shows them: Mailgun ships no library
 * that writes these fields for SMTP, so its customers copy them from there. Names and values are from the table
 * "Passing Sending Options" of documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/send-smtp unless a
 * comment says otherwise.
 */
final class MailgunHeaders {
    /**
     * JSON metadata for events and webhooks; several such fields are combined ("Attaching Metadata to emails via
     * SMTP", .../user-manual/sending-messages/send-attachments, whose example is {@link #VARIABLES_EXAMPLE}).
     */
    static final String VARIABLES = "X-Mailgun-Variables";
    static final String VARIABLES_EXAMPLE = "{\"first_name\": \"John\", \"last_name\": \"Smith\"}";
    static final String MORE_VARIABLES_EXAMPLE = "{\"my_message_id\": 123}";
    /** A JSON object of each recipient's variables, which %recipient.KEY% in the message stands for. */
    static final String RECIPIENT_VARIABLES = "X-Mailgun-Recipient-Variables";
    // Mailgun's "Batch Sending" example (the user manual in github.com/mailgun/documentation, source/user_manual.rst),
    // sent with the subject "Hey, %recipient.first%", spacing as there.
    static final String RECIPIENT_VARIABLES_EXAMPLE =
        "{\"bob@example.com\": {\"first\":\"Bob\", \"id\":1}, \"alice@example.com\": {\"first\":\"Alice\", \"id\": 2}}";
    /** A tag for statistics; repeated for several tags. */
    static final String TAG = "X-Mailgun-Tag";
    /** When to deliver, an RFC 2822 date: {@link #deliverBy}. */
    static final String DELIVER_BY = "X-Mailgun-Deliver-By";
    // Mailgun's date format example (its API reference's "Date Format"; the old one wrote GMT for +0000).
    static final String DELIVER_BY_EXAMPLE = "Thu, 13 Oct 2011 18:02:00 +0000";
    /** yes or no. */
    static final String TRACK = "X-Mailgun-Track";
    /** yes, no or htmlonly. */
    static final String TRACK_CLICKS = "X-Mailgun-Track-Clicks";
    /** yes or no. */
    static final String TRACK_OPENS = "X-Mailgun-Track-Opens";

    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    private MailgunHeaders() {
    }

    /**
     * Header fields, one a line, from names and values in turn, each line ending with CRLF, to stand before a message's
     * other fields: {@code fields(TAG, "spring", TAG, "newsletter", TRACK_OPENS, "no") + Messages.simple(...)}.
     */
    static String fields(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a value for each name: " + String.join(", ", namesAndValues));
        }
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.append(namesAndValues[i]).append(": ").append(namesAndValues[i + 1]).append("\r\n");
        }
        return fields.toString();
    }

    /** The time as X-Mailgun-Deliver-By wants it, such as {@value #DELIVER_BY_EXAMPLE}. */
    static String deliverBy(ZonedDateTime time) {
        return RFC_2822.format(time);
    }
}
