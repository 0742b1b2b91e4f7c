package org.smtpplus.smtp;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.event.EventSink;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.directive.RecipientCopies;

/**
 * The events of the SMTP dialogue (docs/api.md#events-and-reports): {@code rejected} for each recipient the relay
 * refused after
 * MAIL FROM, with the reply's enhanced status code and text. ({@code accepted} is recorded when the accepted mail is
 * processed, at the time this class gives it.)
 */
public class SubmissionEvents {
    private final EventSink events;
    private final Clock clock;

    @Inject
    public SubmissionEvents(EventSink events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    void rejected(Account account, String messageId, long size, Collection<MailAddress> recipients, HookResult refusal) {
        // The directive is unknown or invalid here: the account's defaults are all the keys there are.
        EventContext context = new EventContext(account.name(), account.defaultCustomId(), List.of(),
            account.defaultList().orElse(RecipientCopies.DEFAULT_LIST), messageId, size);
        String reply = Optional.ofNullable(refusal.getSmtpDescription()).orElse("");
        String status = reply.contains(" ") ? reply.substring(0, reply.indexOf(' ')) : reply;
        Instant now = clock.instant();
        recipients.forEach(recipient -> events.record(context.event(EventType.REJECTED, now, recipient.asString())
            .status(status)
            .diagnostic(refusal.getSmtpRetCode() + " " + reply)
            .build()));
    }
}
