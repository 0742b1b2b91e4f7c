package org.smtpplus.smtp;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;

/**
 * The SMTP+ account an SMTP session submits for: its AUTH user, or account {@code default} for a session from a
 * trusted network (docs/configuration.md). Sessions that are neither are not submissions: inbound mail.
 *
 * <p>The account is read once per mail transaction, at MAIL FROM, and kept for its RCPTs and DATA.
 * {@link #forget} starts a transaction anew: a refused MAIL FROM does not end the one it began.
 */
public class SessionAccounts {
    public static final String TRUSTED_NETWORK_ACCOUNT = "default";
    private static final AttachmentKey<Account> SUBMITTER = AttachmentKey.of("smtpplus.submitter", Account.class);

    /** The session authenticated as an account that was deleted since: it submits nothing more. */
    public static final class AccountGoneException extends RuntimeException {
        private final String name;

        AccountGoneException(String name) {
            super("Account " + name + " no longer exists");
            this.name = name;
        }

        public String name() {
            return name;
        }
    }

    private final AccountRepository accounts;
    private final UsersRepository jamesUsers;

    @Inject
    public SessionAccounts(AccountRepository accounts, UsersRepository jamesUsers) {
        this.accounts = accounts;
        this.jamesUsers = jamesUsers;
    }

    /**
     * @throws org.smtpplus.core.store.StoreUnavailableException when the account cannot be read now
     * @throws AccountGoneException when the session's AUTH user is neither an account nor a James user any more
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
            return Optional.of(authenticated(session.getUsername()));
        }
        if (session.isRelayingAllowed()) {
            return Optional.of(accountOrDefaults(TRUSTED_NETWORK_ACCOUNT));
        }
        return Optional.empty();
    }

    // A James user created outside SMTP+ submits with the default limits rather than escaping them. An account deleted
    // while its session lasts is gone at once, in that session too.
    private Account authenticated(Username username) {
        Optional<Account> account = accounts.get(username.asString());
        if (account.isPresent()) {
            return account.get();
        }
        if (!isJamesUser(username)) {
            throw new AccountGoneException(username.asString());
        }
        return Account.withDefaults(username.asString());
    }

    // A trusted network without a "default" account submits with the default limits rather than escaping them.
    private Account accountOrDefaults(String name) {
        return accounts.get(name).orElseGet(() -> Account.withDefaults(name));
    }

    private boolean isJamesUser(Username username) {
        try {
            return jamesUsers.contains(username);
        } catch (UsersRepositoryException | IllegalArgumentException e) {
            return false;
        }
    }
}
