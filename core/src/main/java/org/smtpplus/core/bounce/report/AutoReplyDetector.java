package org.smtpplus.core.bounce.report;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Recognises an automatic response of a recipient, such as a vacation notice, by its header. */
final class AutoReplyDetector {
    // The subjects mail clients give their out-of-office replies, at the start of the subject so that a bounce of a
    // message about a vacation is not taken for one.
    private static final Pattern AUTO_REPLY_SUBJECT = Pattern.compile(
        "^\\s*(?:out of (?:the )?office|auto(?:matic)?[- ]?(?:reply|response|responder|antwort)|auto:"
            + "|abwesenheit|automatische antwort|r\u00e9ponse automatique|respuesta autom\u00e1tica"
            + "|risposta automatica|(?:on )?vacation|away from (?:the )?office)",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** @return what marks the mail as an automatic response, when something does */
    static Optional<String> evidence(HeaderFields headers) {
        // RFC 3834 section 5.2: auto-replied marks a response; auto-generated marks any automatic mail, reports and
        // bounces too, so it does not make an auto-reply.
        Optional<String> autoSubmitted = headers.first("Auto-Submitted")
            .map(value -> value.trim().split("[\\s;(]", 2)[0].toLowerCase(Locale.ROOT))
            .filter("auto-replied"::equals);
        if (autoSubmitted.isPresent()) {
            return Optional.of("Auto-Submitted: auto-replied");
        }
        for (String field : new String[] {"X-Autoreply", "X-Autorespond"}) {
            if (headers.first(field).filter(value -> !value.equalsIgnoreCase("no")).isPresent()) {
                return Optional.of(field);
            }
        }
        if (headers.first("Precedence").filter(value -> value.trim().equalsIgnoreCase("auto_reply")).isPresent()) {
            return Optional.of("Precedence: auto_reply");
        }
        return headers.decodedFirst("Subject")
            .filter(subject -> AUTO_REPLY_SUBJECT.matcher(subject).find())
            .map(subject -> "Subject: " + subject);
    }

    private AutoReplyDetector() {
    }
}
