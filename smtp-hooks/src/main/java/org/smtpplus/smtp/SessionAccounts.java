package org.smtpplus.smtp;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;

/**
 * The SMTP+ account an SMTP session submits for: its AUTH user, or account {@code default} for a session from a
 * trusted network (contract section 1). Sessions that are neither are not submissions: inbound mail.
 *
 * <p>The account is read once per mail transaction, at MAIL FROM, and kept for its RCPTs and DATA.
 * {@link #forget} starts a transaction anew: a refused MAIL FROM does not end the one it began.
 */
public class SessionAccounts {
    public static final String TRUSTED_NETWORK_ACCOUNT = "default";
    private static final AttachmentKey<Account> SUBMITTER = AttachmentKey.of("smtpplus.submitter", Account.class);

    private final AccountRepository accounts;

    @Inject
    public SessionAccounts(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /**
     * @throws org.smtpplus.core.store.StoreUnavailableException when the account cannot be read now
     */
    public Optional<Account> submitter(SMTPSession session) {
        Optional<Account> known = session.getAttachment(SUBMITTER, State.Transaction);
        if (known.isPresent()) {
            return known;
        }
        Optional<Account> submitter = resolve(session);
        submitter.ifPresent(account -> session.setAttachment(SUBMITTER, account, State.Transaction));
        return submitter;
    }

    /** Called by the first MAIL FROM hook, so that each MAIL FROM reads the account afresh. */
    public void forget(SMTPSession session) {
        session.removeAttachment(SUBMITTER, State.Transaction);
    }

    private Optional<Account> resolve(SMTPSession session) {
        if (session.getUsername() != null) {
            return Optional.of(accountOrDefaults(session.getUsername().asString()));
        }
        if (session.isRelayingAllowed()) {
            return Optional.of(accountOrDefaults(TRUSTED_NETWORK_ACCOUNT));
        }
        return Optional.empty();
    }

    // A James user created outside SMTP+, or a trusted network without a "default" account, submits with the
    // default limits rather than escaping them.
    private Account accountOrDefaults(String name) {
        return accounts.get(name).orElseGet(() -> Account.withDefaults(name));
    }
}
