package org.smtpplus.core.submission;

/**
 * Names of the mail attributes that carry an accepted submission from the SMTP hooks to the mailets.
 * Only the SMTP+ hooks set them, so a mail that has them was submitted by an SMTP+ account.
 */
public final class SubmissionAttributes {
    /** The account the submission belongs to (a String). */
    public static final String ACCOUNT = "smtpplus.account";
    /** The validated X-SmtpPlus directive, as the JSON of {@code Directive.toJson()} (a String). */
    public static final String DIRECTIVE = "smtpplus.directive";
    /** The message id events report, fixed when the submission is accepted (a String). */
    public static final String MESSAGE_ID = "smtpplus.messageId";
    /** When the relay said 250 to the submission, as an ISO-8601 instant (a String): the time of its accepted events. */
    public static final String ACCEPTED_AT = "smtpplus.acceptedAt";
    /**
     * When the client asked, by the SMTP FUTURERELEASE extension (RFC 4865), for the message to be released, as an
     * ISO-8601 instant (a String); the directive's {@code sendAt} wins over it.
     */
    public static final String FUTURE_RELEASE = "smtpplus.futureRelease";
    /**
     * On a submission of an account without a plan that the store could not count when it was accepted: its
     * {@code UncountedUsage} (a String), for the mailets to count once the store is back.
     */
    public static final String UNCOUNTED_USAGE = "smtpplus.uncountedUsage";
    /** On each recipient copy: the {@code EventContext} JSON its delivery events report under (a String). */
    public static final String EVENT_CONTEXT = "smtpplus.eventContext";

    private SubmissionAttributes() {
    }
}
