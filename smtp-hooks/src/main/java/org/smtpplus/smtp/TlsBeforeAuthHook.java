package org.smtpplus.smtp;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;

/**
 * Refuses AUTH where the server does not offer it, as on the submission port before STARTTLS
 * ({@code <requireSSL>true</requireSSL>}): James 3.8.1 only hides AUTH from EHLO there, and would still accept it.
 * Listed first among the AUTH hooks, so that no credentials are checked in the clear.
 */
public class TlsBeforeAuthHook implements AuthHook {
    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        return refuseUnlessAnnounced(session);
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration saslConfiguration, String initialResponse) {
        return refuseUnlessAnnounced(session);
    }

    private static HookResult refuseUnlessAnnounced(SMTPSession session) {
        if (session.isAuthAnnounced()) {
            return HookResult.DECLINED;
        }
        // RFC 4954 section 6: 538 5.7.11 encryption required for the requested authentication mechanism
        return SmtpReplies.permanent("538", "5.7.11", "Encryption required: issue STARTTLS before AUTH");
    }
}
