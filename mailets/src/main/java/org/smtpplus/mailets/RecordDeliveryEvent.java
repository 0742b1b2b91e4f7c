package org.smtpplus.mailets;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.event.EventSink;
import org.smtpplus.core.event.EventType;

/**
 * Records {@code <event>} (e.g. {@code sent} in RemoteDelivery's {@code onSuccess} processor, {@code bounced} in
 * its {@code bounceProcessor}) for every recipient of an SMTP+ copy, under the copy's reporting keys
 * (docs/api.md#events-and-reports); mail that is no SMTP+ copy passes untouched. With {@code <ghost>true</ghost>} the
 * mail ends here (a success report copy).
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code event} (required, no default): the event type to record, one of the event types in lower case
 *   ({@code sent}, {@code deferred}, {@code bounced}...);</li>
 *   <li>{@code ghost} (default {@code false}): {@code true} ends every mail here, SMTP+ copy or not.</li>
 * </ul>
 * Any other parameter fails the mailet's start.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpplus.mailets.RecordDeliveryEvent">
 *     <event>sent</event>
 *     <ghost>true</ghost>
 * </mailet>
 * }</pre>
 */
public class RecordDeliveryEvent extends SmtpPlusMailet {
    private static final String EVENT = "event";
    private static final String GHOST = "ghost";
    static final AttributeName SENT_RECORDED = AttributeName.of("smtpplus.sentRecorded");
    // RFC 3463 section 2: class.subject.detail
    private static final Pattern ENHANCED_STATUS = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    private final EventSink events;
    private final Clock clock;
    private EventType type;
    private boolean ghost;

    @Inject
    public RecordDeliveryEvent(EventSink events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(EVENT, GHOST));
        String event = getInitParameter(EVENT);
        if (event == null) {
            throw new MessagingException("RecordDeliveryEvent needs an <event>");
        }
        try {
            type = EventType.valueOf(event.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MessagingException("RecordDeliveryEvent: unknown <event> " + event);
        }
        ghost = getInitParameter(GHOST, false);
    }

    /**
     * Marks a delivered mail whose {@code sent} events the delivery thread recorded ({@link SmtpPlusRemoteDelivery})
     * before it goes to an {@code onSuccess} processor, so that a configuration that still records {@code sent} there
     * records it once.
     */
    static void markSentRecorded(Mail mail) {
        mail.setAttribute(new Attribute(SENT_RECORDED, AttributeValue.of(true)));
    }

    @Override
    protected void process(Mail mail) {
        Optional<EventContext> context = MailAttributes.eventContextOf(mail);
        boolean recorded = type == EventType.SENT && mail.getAttribute(SENT_RECORDED).isPresent();
        if (context.isPresent() && !recorded) {
            record(events, clock, type, context.get(), mail);
        }
        if (ghost) {
            mail.setState(Mail.GHOST);
        }
    }

    /**
     * One event per recipient of the copy, with the status and diagnostic of its delivery error when RemoteDelivery
     * left one (its Bouncer's {@code delivery-error} attribute, or the mail's error message).
     */
    static void record(EventSink events, Clock clock, EventType type, EventContext context, Mail mail) {
        Optional<String> diagnostic = AttributeUtils.getValueAndCastFromMail(mail, Bouncer.DELIVERY_ERROR, String.class)
            .or(() -> Optional.ofNullable(mail.getErrorMessage()))
            .filter(message -> !message.isBlank());
        Optional<String> status = diagnostic.map(ENHANCED_STATUS::matcher).filter(Matcher::find).map(matcher -> matcher.group(1));
        mail.getRecipients().forEach(recipient -> {
            DeliveryEvent.Builder event = context.event(type, clock.instant(), recipient.asString());
            status.ifPresent(event::status);
            diagnostic.ifPresent(event::diagnostic);
            events.record(event.build());
        });
    }
}
