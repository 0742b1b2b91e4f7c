package org.smtpplus.smtp;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.account.PasswordHasher;
import org.smtpplus.core.store.StoreUnavailableException;

/**
 * SMTP AUTH against the SMTP+ account store. James's own users repository, without virtual hosting, cannot
 * hold address-like logins ({@code shop@accounts.example}); this hook authenticates every account name, and
 * declines anything else so that James's own hook still serves James users.
 */
public class AccountAuthHook implements AuthHook {
    private final AccountRepository accounts;
    private final PasswordHasher hasher;

    @Inject
    public AccountAuthHook(AccountRepository accounts, PasswordHasher hasher) {
        this.accounts = accounts;
        this.hasher = hasher;
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        boolean verified;
        try {
            verified = accounts.get(username.asString())
                .map(account -> hasher.verify(password, account.passwordHash()))
                .orElse(false);
        } catch (StoreUnavailableException e) {
            // RFC 4954 section 6: 454 4.7.0 temporary authentication failure
            return SmtpReplies.temporary("454", "4.7.0", "Temporary authentication failure, try again later");
        }
        if (!verified) {
            return HookResult.DECLINED;
        }
        session.setUsername(username);
        session.setRelayingAllowed(true);
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.ok())
            .smtpDescription("Authentication successful")
            .build();
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration saslConfiguration, String initialResponse) {
        return HookResult.DECLINED;
    }
}
