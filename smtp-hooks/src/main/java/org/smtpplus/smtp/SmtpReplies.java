package org.smtpplus.smtp;

import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;

/**
 * Refusals with an RFC 3463 enhanced status code and a reason, as SMTP+ writes them.
 */
final class SmtpReplies {
    private SmtpReplies() {
    }

    static HookResult permanent(String code, String enhancedStatus, String reason) {
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode(code)
            .smtpDescription(enhancedStatus + " " + printable(reason))
            .build();
    }

    static HookResult temporary(String code, String enhancedStatus, String reason) {
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.denySoft())
            .smtpReturnCode(code)
            .smtpDescription(enhancedStatus + " " + printable(reason))
            .build();
    }

    /** A temporary refusal after which the server closes the connection (RFC 5321 section 3.8). */
    static HookResult closing(String code, String enhancedStatus, String reason) {
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT))
            .smtpReturnCode(code)
            .smtpDescription(enhancedStatus + " " + printable(reason))
            .build();
    }

    /** The store cannot answer: the client keeps the message and tries again (RFC 3463: X.3.0 mail system). */
    static HookResult storeUnavailable() {
        return temporary("451", "4.3.0", "Temporary failure of the relay's store, try again later");
    }

    // RFC 5321 section 4.2: a reply line is text without CR or LF; keep it ASCII so every client can show it.
    private static String printable(String reason) {
        return reason.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
