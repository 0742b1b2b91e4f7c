package org.smtpplus.attributes;

import java.time.Instant;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.smtpplus.core.directive.Directive;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.usage.UncountedUsage;

/**
 * The mail attributes that carry an SMTP+ submission from the SMTP hooks to the mailets, and each recipient copy
 * through delivery: the only place their names are written.
 *
 * <p>The SMTP hooks mark a submission they accept with its account; only they do, so a mail with an account is a
 * submission of an SMTP+ account. The personaliser turns it into copies, which keep the other attributes and carry
 * their event context instead of the account and the directive.
 *
 * <p>The names are stored and configured, not only code: a parked mail keeps its {@code smtpplus.*} attributes in
 * the store by name and gets them back when it is released (docs/cassandra-schema.md#parked-mail), and
 * conf/mailetcontainer.xml matches copies on {@code smtpplus.eventContext}. Every value is a String for that
 * reason: the store keeps String values only, and a mail parked by one version may be released by the next.
 */
public final class MailAttributes {
    private static final AttributeName ACCOUNT = AttributeName.of("smtpplus.account");
    private static final AttributeName DIRECTIVE = AttributeName.of("smtpplus.directive");
    private static final AttributeName PROVIDER_EXTRAS = AttributeName.of("smtpplus.providerExtras");
    private static final AttributeName MESSAGE_ID = AttributeName.of("smtpplus.messageId");
    private static final AttributeName ACCEPTED_AT = AttributeName.of("smtpplus.acceptedAt");
    private static final AttributeName FUTURE_RELEASE = AttributeName.of("smtpplus.futureRelease");
    private static final AttributeName UNCOUNTED_USAGE = AttributeName.of("smtpplus.uncountedUsage");
    private static final AttributeName EVENT_CONTEXT = AttributeName.of("smtpplus.eventContext");
    private static final AttributeName PACING_WAIT = AttributeName.of("smtpplus.pacingWait");

    private MailAttributes() {
    }

    /** Whether the SMTP hooks accepted the mail as a submission of an SMTP+ account (copies are none). */
    public static boolean isSubmission(Mail mail) {
        return mail.getAttribute(ACCOUNT).isPresent();
    }

    /** The account of a submission. */
    public static Optional<String> accountOf(Mail mail) {
        return string(mail, ACCOUNT);
    }

    /** The account of a mail only submissions reach: one without is a mail the spool should not have routed here. */
    public static String requireAccount(Mail mail) throws MessagingException {
        return accountOf(mail)
            .orElseThrow(() -> new MessagingException(mail.getName() + " has no " + ACCOUNT.asString() + " attribute"));
    }

    /** Marks the mail as a submission of {@code account}. */
    public static void setAccount(Mail mail, String account) {
        set(mail, ACCOUNT, account);
    }

    /**
     * The validated X-SmtpPlus directive of a submission, as the JSON of {@link Directive#toJson()}: the mailets read
     * it back with their {@code DirectiveParser}, whose clock checks its {@code sendAt}.
     */
    public static Optional<String> directiveOf(Mail mail) {
        return string(mail, DIRECTIVE);
    }

    public static void setDirective(Mail mail, Directive directive) {
        set(mail, DIRECTIVE, directive.toJson());
    }

    /**
     * What a submission's SendGrid or Mailgun headers asked that its directive has no field for, as the JSON of
     * {@code ProviderExtras#toJson()}; absent when they asked nothing of the kind.
     */
    public static Optional<String> providerExtrasOf(Mail mail) {
        return string(mail, PROVIDER_EXTRAS);
    }

    public static void setProviderExtras(Mail mail, String json) {
        set(mail, PROVIDER_EXTRAS, json);
    }

    /** The message id every event of the submission and of its copies reports. */
    public static Optional<String> messageIdOf(Mail mail) {
        return string(mail, MESSAGE_ID);
    }

    public static void setMessageId(Mail mail, String messageId) {
        set(mail, MESSAGE_ID, messageId);
    }

    /** When the relay said 250 to the submission: the time of its accepted events. */
    public static Optional<Instant> acceptedAtOf(Mail mail) {
        return string(mail, ACCEPTED_AT).map(Instant::parse);
    }

    public static void setAcceptedAt(Mail mail, Instant acceptedAt) {
        set(mail, ACCEPTED_AT, acceptedAt.toString());
    }

    /**
     * When the client asked, by the SMTP FUTURERELEASE extension (RFC 4865), for the message to be released; the
     * directive's {@code sendAt} wins over it.
     */
    public static Optional<Instant> futureReleaseOf(Mail mail) {
        return string(mail, FUTURE_RELEASE).map(Instant::parse);
    }

    public static void setFutureRelease(Mail mail, Instant releaseAt) {
        set(mail, FUTURE_RELEASE, releaseAt.toString());
    }

    /**
     * On a submission of an account without a plan that the store could not count when it was accepted: what the
     * mailets count once the store is back.
     */
    public static Optional<UncountedUsage> uncountedUsageOf(Mail mail) {
        return string(mail, UNCOUNTED_USAGE).map(UncountedUsage::parse);
    }

    public static void setUncountedUsage(Mail mail, UncountedUsage usage) {
        set(mail, UNCOUNTED_USAGE, usage.asString());
    }

    /** Once the usage is counted: a retried mail does not count it again. */
    public static void removeUncountedUsage(Mail mail) {
        mail.removeAttribute(UNCOUNTED_USAGE);
    }

    /**
     * On a copy queued for delivery with a delay to its destination's next slot (docs/operator-guide.md#pacing): the
     * slot. Such a delay is a wait for the pace, not a retry after a failure, and records no {@code deferred} event.
     */
    public static boolean isPacingWait(Mail mail) {
        return string(mail, PACING_WAIT).isPresent();
    }

    public static void setPacingWait(Mail mail, Instant slot) {
        set(mail, PACING_WAIT, slot.toString());
    }

    /** Before a copy is queued again for another reason (a retry): that delay is no pacing wait. */
    public static void removePacingWait(Mail mail) {
        mail.removeAttribute(PACING_WAIT);
    }

    /** On each recipient copy: the context its delivery events report under. */
    public static Optional<EventContext> eventContextOf(Mail mail) {
        return string(mail, EVENT_CONTEXT).map(EventContext::fromJson);
    }

    /** Marks a mail as a recipient copy that reports its delivery events under {@code eventContext}. */
    public static void setEventContext(Mail copy, EventContext eventContext) {
        set(copy, EVENT_CONTEXT, eventContext.toJson());
    }

    /**
     * Gives one recipient copy of {@code submission} the submission's attributes, but for the account and the
     * directive (a copy is no submission: without the marker, its bounce or anything else it turns into is not taken
     * for new mail of the account), and the context its delivery events report under.
     */
    public static void setCopyAttributes(Mail submission, Mail copy, EventContext eventContext) {
        submission.attributes()
            .filter(attribute -> !attribute.getName().equals(ACCOUNT) && !attribute.getName().equals(DIRECTIVE))
            .forEach(copy::setAttribute);
        setEventContext(copy, eventContext);
    }

    private static Optional<String> string(Mail mail, AttributeName name) {
        return AttributeUtils.getValueAndCastFromMail(mail, name, String.class);
    }

    private static void set(Mail mail, AttributeName name, String value) {
        mail.setAttribute(new Attribute(name, AttributeValue.of(value)));
    }
}
