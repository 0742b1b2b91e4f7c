package org.smtpplus.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.apache.james.core.Username;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.account.PasswordHasher;
import org.smtpplus.core.account.VerifiedPasswords;
import org.smtpplus.core.ratelimit.AuthThrottle;

class AccountAuthHookTest {
    private final PasswordHasher hasher = new PasswordHasher();
    private final MemoryAccountRepository accounts = new MemoryAccountRepository();
    private final MemoryUsersRepository jamesUsers = MemoryUsersRepository.withoutVirtualHosting(new MemoryDomainList(null));
    private final AccountAuthHook hook = new AccountAuthHook(accounts, hasher, new VerifiedPasswords(hasher), jamesUsers,
        new AuthThrottle(AuthThrottle.Limits.DEFAULT, Clock.systemUTC()));

    @BeforeEach
    void accounts() throws Exception {
        accounts.save(Account.builder("shop").passwordHash(hasher.hash("s3cret")).build());
        accounts.save(Account.builder("nopassword").build());
        jamesUsers.addUser(Username.of("shop"), "jamesword");
        jamesUsers.addUser(Username.of("operator"), "operatorword");
    }

    @Test
    void anAccountAuthenticatesByItsOwnHashAndNeverByItsJamesUser() {
        assertThat(auth("shop", "s3cret").getResult().getAction()).isEqualTo(HookReturnCode.Action.OK);
        assertThat(auth("shop", "jamesword").getSmtpRetCode()).isEqualTo("535");
    }

    @Test
    void aJamesUserThatIsNoAccountAuthenticatesAgainstJamesUsers() {
        assertThat(auth("operator", "operatorword").getResult().getAction()).isEqualTo(HookReturnCode.Action.OK);
        assertThat(auth("operator", "wrong").getSmtpRetCode()).isEqualTo("535");
    }

    // Unknown names, names without a password and wrong passwords cost one derivation each, as a right password does:
    // answer times tell a stranger nothing about which names exist.
    @Test
    void everyAttemptCostsOneDerivationWhateverTheName() {
        for (String name : new String[] {"shop", "nopassword", "nobody", "operator"}) {
            long before = hasher.derivations();

            auth(name, "wrong");

            assertThat(hasher.derivations()).as(name).isEqualTo(before + 1);
        }
    }

    @Test
    void aFailureIsNeverDeclinedToJamesOwnHook() {
        assertThat(auth("nobody", "x").getResult().getAction()).isEqualTo(HookReturnCode.Action.DENY);
    }

    // A web application authenticates for every message: the same password against the same hash is derived once.
    @Test
    void aRepeatedSuccessMakesNoDerivationButAFailureAlwaysDoes() {
        assertThat(derivationsOf("shop", "s3cret")).isEqualTo(1);
        assertThat(derivationsOf("shop", "s3cret")).isZero();

        assertThat(derivationsOf("shop", "wrong")).isEqualTo(1);
        assertThat(derivationsOf("shop", "wrong")).isEqualTo(1);
    }

    @Test
    void aChangedPasswordFailsAtOnceAfterARememberedSuccess() {
        auth("shop", "s3cret");
        auth("shop", "s3cret");

        accounts.save(accounts.get("shop").orElseThrow().toBuilder().passwordHash(hasher.hash("n3w")).build());

        assertThat(auth("shop", "s3cret").getSmtpRetCode()).isEqualTo("535");
        assertThat(auth("shop", "n3w").getResult().getAction()).isEqualTo(HookReturnCode.Action.OK);
    }

    @Test
    void aDeletedAccountFailsAtOnceAfterARememberedSuccess() throws Exception {
        auth("shop", "s3cret");
        auth("shop", "s3cret");

        accounts.delete("shop");
        jamesUsers.removeUser(Username.of("shop"));

        assertThat(auth("shop", "s3cret").getSmtpRetCode()).isEqualTo("535");
    }

    // The throttle is asked before any password is looked at: a remembered one does not get a locked address in.
    @Test
    void aLockedAddressIsRefusedEvenWithARememberedPassword() {
        VerifiedPasswords verifiedPasswords = new VerifiedPasswords(hasher);
        AccountAuthHook strict = new AccountAuthHook(accounts, hasher, verifiedPasswords, jamesUsers,
            new AuthThrottle(new AuthThrottle.Limits(1, 0, Duration.ofMinutes(15), 100), Clock.systemUTC()));
        assertThat(strict.doAuth(FakeSmtpSession.anonymous(), Username.of("shop"), "s3cret").getResult().getAction())
            .isEqualTo(HookReturnCode.Action.OK);
        assertThat(strict.doAuth(FakeSmtpSession.anonymous(), Username.of("shop"), "wrong").getSmtpRetCode()).isEqualTo("421");
        long before = hasher.derivations();

        HookResult refused = strict.doAuth(FakeSmtpSession.anonymous(), Username.of("shop"), "s3cret");

        assertThat(refused.getSmtpRetCode()).isEqualTo("421");
        assertThat(hasher.derivations()).isEqualTo(before);
    }

    private long derivationsOf(String name, String password) {
        long before = hasher.derivations();
        auth(name, password);
        return hasher.derivations() - before;
    }

    private HookResult auth(String name, String password) {
        return hook.doAuth(FakeSmtpSession.anonymous(), Username.of(name), password);
    }
}
