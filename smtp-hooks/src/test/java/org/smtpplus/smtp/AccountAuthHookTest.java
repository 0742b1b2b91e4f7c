package org.smtpplus.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

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
import org.smtpplus.core.ratelimit.AuthThrottle;

class AccountAuthHookTest {
    private final PasswordHasher hasher = new PasswordHasher();
    private final MemoryAccountRepository accounts = new MemoryAccountRepository();
    private final MemoryUsersRepository jamesUsers = MemoryUsersRepository.withoutVirtualHosting(new MemoryDomainList(null));
    private final AccountAuthHook hook = new AccountAuthHook(accounts, hasher, jamesUsers,
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

    private HookResult auth(String name, String password) {
        return hook.doAuth(FakeSmtpSession.anonymous(), Username.of(name), password);
    }
}
