package org.smtpplus.core.bounce;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The basic code of a failure reply (4yz or 5yz) an SMTP reply line opens with, as bounces quote it. */
public final class SmtpReply {
    // RFC 5321 section 4.2: the code opens the line, then a space, or "-" on a line the reply continues after.
    // Bounces quote the line after a short lead-in: "Remote host said:", "(reason:", "<<<", "#", "smtp;",
    // "Remote Server returned '".
    private static final Pattern CODE_AT_START = Pattern.compile(
        "^([\\s#>(<'\"\\[]*(?:[A-Za-z][A-Za-z0-9 .-]{0,40}?(?:[:;]\\s*|\\s')['\"]?)?)([45][0-5][0-9])(?=[\\s-]|$)");

    public static OptionalInt codeAtStart(String line) {
        Matcher matcher = CODE_AT_START.matcher(line);
        return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(2))) : OptionalInt.empty();
    }

    /**
     * The reply without the lead-in a bounce quotes it after, and without the bracket or quote that closes the
     * lead-in's: {@code (reason: 550 5.1.1 unknown)} as {@code 550 5.1.1 unknown}.
     */
    public static Optional<String> withoutLeadIn(String text) {
        Matcher matcher = CODE_AT_START.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String leadIn = matcher.group(1);
        String reply = text.substring(matcher.start(2)).trim();
        boolean closes = (leadIn.contains("(") && reply.endsWith(")")) || (leadIn.contains("'") && reply.endsWith("'"));
        return Optional.of(closes ? reply.substring(0, reply.length() - 1) : reply);
    }

    private SmtpReply() {
    }
}
