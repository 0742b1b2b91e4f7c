package org.smtpplus.smtp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.account.PasswordHasher;
import org.smtpplus.core.account.VerifiedPasswords;
import org.smtpplus.core.ratelimit.AuthThrottle;
import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.ratelimit.ClientAddresses;
import org.smtpplus.core.ratelimit.LogThrottle;
import org.smtpplus.core.store.StoreUnavailableException;

import com.google.common.base.Ticker;

/**
 * SMTP AUTH, decided here for every name: an SMTP+ account by its own password hash, any other name by James's users
 * repository (a James user created outside SMTP+). James's own AUTH hook is never asked, so the James user SMTP+
 * creates for each account (with a random password) is no second way in.
 *
 * <p>Against password guessing: every attempt costs the same work, known name or not (one PBKDF2 derivation), so
 * the time of an answer tells nothing; failures are throttled per client address and per name ({@link AuthThrottle}):
 * after a few, the connection reads nothing more for a growing delay and attempts before it is over are refused
 * with {@code 454 4.7.0}; at the limit an address gets {@code 421 4.7.0} and is disconnected until the lockout is
 * over. Every failure, and (at most once a minute) an attempt of a locked address, is one WARN line of the
 * {@code org.smtpplus.smtp.AuthFailures} logger, the client address first, for fail2ban (docs/operator-guide.md);
 * attempts only asked to wait are INFO lines worded otherwise, as their address may be innocent.
 *
 * <p>A web application authenticates for every message it sends: a password that verified a moment ago against the
 * account's current hash is not derived again ({@link VerifiedPasswords}). The account is still read at every attempt,
 * so a changed password or a deleted account fails at once, and the throttle is asked first, as for any attempt.
 */
public class AccountAuthHook implements AuthHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(AccountAuthHook.class);
    private static final Logger AUTH_FAILURES = LoggerFactory.getLogger("org.smtpplus.smtp.AuthFailures");
    // A name is whatever the client sent: logged quoted, printable and short.
    private static final JsonDescriptions NAME = JsonDescriptions.PRINTABLE_ASCII;

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final VerifiedPasswords verifiedPasswords;
    private final UsersRepository jamesUsers;
    private final AuthThrottle throttle;
    private final LogThrottle lockedLog = new LogThrottle(Duration.ofMinutes(1), Ticker.systemTicker());
    private final LogThrottle deferredLog = new LogThrottle(Duration.ofMinutes(1), Ticker.systemTicker());

    /** @param verifiedPasswords shared by the relay's listeners, verifying with {@code hasher} */
    @Inject
    public AccountAuthHook(AccountRepository accounts, PasswordHasher hasher, VerifiedPasswords verifiedPasswords,
                           UsersRepository jamesUsers, AuthThrottle throttle) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.verifiedPasswords = verifiedPasswords;
        this.jamesUsers = jamesUsers;
        this.throttle = throttle;
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        InetAddress client = session.getRemoteAddress().getAddress();
        String address = ClientAddresses.key(client.getHostAddress());
        String name = username.asString();
        Optional<AuthThrottle.Refused> refused = throttle.check(address, name);
        if (refused.isPresent()) {
            return refusal(session, client, name, refused.get());
        }
        boolean verified;
        try {
            verified = verify(username, password);
        } catch (StoreUnavailableException e) {
            // RFC 4954 section 6: 454 4.7.0 temporary authentication failure
            return SmtpReplies.temporary("454", "4.7.0", "Temporary authentication failure, try again later");
        }
        if (verified) {
            throttle.succeeded(address, name);
            session.setUsername(username);
            session.setRelayingAllowed(true);
            return HookResult.builder()
                .hookReturnCode(HookReturnCode.ok())
                .smtpDescription("Authentication successful")
                .build();
        }
        AuthThrottle.Penalty penalty = throttle.failed(address, name);
        AUTH_FAILURES.warn("SMTP+ AUTH failed from {} as {} ({} failures from this address within {})",
            client.getHostAddress(), NAME.quote(name), penalty.addressFailures(), throttle.limits().window());
        if (penalty.addressLocked()) {
            return addressLocked(client, throttle.limits().window());
        }
        ConnectionPause.pause(session, penalty.delay());
        // RFC 4954 section 6: 535 5.7.8 authentication credentials invalid
        return SmtpReplies.permanent("535", "5.7.8", "Authentication credentials invalid");
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration saslConfiguration, String initialResponse) {
        return HookResult.DECLINED;
    }

    private boolean verify(Username username, String password) {
        Optional<Account> account = accounts.get(username.asString());
        if (account.isPresent()) {
            return verifiedPasswords.verify(account.get(), password);
        }
        hasher.verifyNothing(password);
        try {
            return jamesUsers.test(username, password);
        } catch (UsersRepositoryException | IllegalArgumentException e) {
            LOGGER.debug("{} is no James user name: {}", NAME.quote(username.asString()), e.getMessage());
            return false;
        }
    }

    // Refusals cost no derivation, so a client could send them at line rate: their lines are throttled, and a refused
    // connection reads nothing more until the wait is over (or is closed, for a locked address).
    private HookResult refusal(SMTPSession session, InetAddress client, String name, AuthThrottle.Refused refused) {
        if (refused.reason() == AuthThrottle.Refusal.ADDRESS_LOCKED) {
            lockedLog.admit().ifPresent(leftOut -> AUTH_FAILURES.warn("SMTP+ AUTH refused from {} as {}: address locked, retry in {}{}",
                client.getHostAddress(), NAME.quote(name), inWords(refused.retryAfter()), LogThrottle.leftOut(leftOut)));
            return addressLocked(client, refused.retryAfter());
        }
        // Not the fail2ban line: the address may be an innocent one, asked to wait for failures of its name elsewhere.
        String reason = refused.reason() == AuthThrottle.Refusal.ACCOUNT_LOCKED ? "name locked" : "waiting";
        deferredLog.admit().ifPresent(leftOut -> AUTH_FAILURES.info("SMTP+ AUTH deferred for {} as {}: {}, retry in {}{}",
            client.getHostAddress(), NAME.quote(name), reason, inWords(refused.retryAfter()), LogThrottle.leftOut(leftOut)));
        ConnectionPause.pause(session, min(refused.retryAfter(), AuthThrottle.MAX_DELAY));
        String subject = refused.reason() == AuthThrottle.Refusal.ACCOUNT_LOCKED ? " for this name" : "";
        return SmtpReplies.temporary("454", "4.7.0", "Too many failed authentications" + subject + ", try again in "
            + inWords(refused.retryAfter()));
    }

    // RFC 5321 section 3.8: 421, and the server closes the connection
    private static HookResult addressLocked(InetAddress client, Duration retryAfter) {
        return SmtpReplies.closing("421", "4.7.0", "Too many failed authentications from " + client.getHostAddress()
            + ", try again in " + inWords(retryAfter));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    // Whole seconds up to two minutes, then whole minutes, rounded up: a client never retries too early by reading it.
    private static String inWords(Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        if (seconds <= 120) {
            return seconds + " seconds";
        }
        return (seconds + 59) / 60 + " minutes";
    }
}
