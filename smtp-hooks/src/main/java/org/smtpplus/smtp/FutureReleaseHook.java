package org.smtpplus.smtp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HeloHook;
import org.apache.james.protocols.smtp.hook.Hook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookResultHook;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.MailParametersHook;
import org.smtpplus.core.directive.DirectiveParser;

/**
 * The SMTP FUTURERELEASE extension (RFC 4865) for authenticated sessions, with the 30-day horizon of
 * docs/scheduling.md: a second way to ask for what the directive's {@code sendAt} does. {@code MAIL FROM:<a@b> HOLDFOR=600} or
 * {@code HOLDUNTIL=2026-12-01T09:00:00Z} keeps the release time with the transaction; the end-of-DATA hook hands it to
 * the scheduler. James's own FUTURERELEASE hooks stay out of the chain: they allow a day only, and hold the mail in
 * the queue where it can be neither listed nor cancelled.
 */
public class FutureReleaseHook implements HeloHook, MailParametersHook, HookResultHook {
    static final ProtocolSession.AttachmentKey<Instant> RELEASE_AT =
        ProtocolSession.AttachmentKey.of("smtpplus.futureRelease", Instant.class);
    private static final String HOLDFOR = "HOLDFOR";
    private static final String HOLDUNTIL = "HOLDUNTIL";
    private static final Duration HORIZON = DirectiveParser.HORIZON;

    private final Clock clock;

    @Inject
    public FutureReleaseHook(Clock clock) {
        this.clock = clock;
    }

    /** The release time a FUTURERELEASE parameter of this transaction asked for, if any. */
    static Optional<Instant> releaseAt(SMTPSession session) {
        return session.getAttachment(RELEASE_AT, ProtocolSession.State.Transaction);
    }

    // RFC 4865 section 3: the keyword carries the longest hold in seconds and the latest release date-time. Shown to
    // every client that could authenticate, since clients read EHLO before AUTH and seldom again after it; the hold
    // itself needs AUTH.
    @Override
    public Set<String> implementedEsmtpFeatures(SMTPSession session) {
        Instant latest = clock.instant().plus(HORIZON).truncatedTo(ChronoUnit.SECONDS);
        return Set.of("FUTURERELEASE " + HORIZON.getSeconds() + " " + DateTimeFormatter.ISO_INSTANT.format(latest));
    }

    @Override
    public HookResult doHelo(SMTPSession session, String helo) {
        return HookResult.DECLINED;
    }

    @Override
    public String[] getMailParamNames() {
        return new String[] {HOLDFOR, HOLDUNTIL};
    }

    @Override
    public HookResult doMailParameter(SMTPSession session, String paramName, String paramValue) {
        if (session.getUsername() == null) {
            // RFC 4954 section 6: X.7.0 authentication required
            return SmtpReplies.permanent("530", "5.7.0", "FUTURERELEASE needs an authenticated session");
        }
        if (releaseAt(session).isPresent()) {
            // RFC 4865 section 4: HOLDFOR and HOLDUNTIL are exclusive; RFC 3463 X.5.4 invalid command arguments
            return SmtpReplies.permanent("501", "5.5.4", "Give HOLDFOR or HOLDUNTIL, not both");
        }
        Instant now = clock.instant();
        Optional<Instant> release = releaseOf(paramName, paramValue, now);
        if (release.isEmpty()) {
            return SmtpReplies.permanent("501", "5.5.4", paramName + "=" + paramValue + ": "
                + (paramName.equalsIgnoreCase(HOLDFOR) ? "must be a number of seconds" : "must be an RFC 3339 date-time like 2026-12-01T09:00:00Z"));
        }
        if (release.get().isAfter(now.plus(HORIZON))) {
            return SmtpReplies.permanent("501", "5.5.4", paramName + "=" + paramValue + ": beyond the " + HORIZON.toDays()
                + "-day horizon of this relay");
        }
        session.setAttachment(RELEASE_AT, release.get(), ProtocolSession.State.Transaction);
        return HookResult.DECLINED;
    }

    // A MAIL command that another hook refused leaves no hold behind for the next one.
    @Override
    public HookResult onHookResult(SMTPSession session, HookResult result, long executionTime, Hook hook) {
        boolean mailCommand = hook instanceof MailHook || hook instanceof MailParametersHook;
        HookReturnCode.Action action = result.getResult().getAction();
        if (mailCommand && (action == HookReturnCode.Action.DENY || action == HookReturnCode.Action.DENYSOFT)) {
            session.removeAttachment(RELEASE_AT, ProtocolSession.State.Transaction);
        }
        return result;
    }

    private static Optional<Instant> releaseOf(String paramName, String value, Instant now) {
        try {
            if (paramName.equalsIgnoreCase(HOLDFOR)) {
                // RFC 4865 section 4: holdfor-value = 1*9DIGIT
                return value.matches("[0-9]{1,9}") ? Optional.of(now.plusSeconds(Long.parseLong(value))) : Optional.empty();
            }
            return Optional.of(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
