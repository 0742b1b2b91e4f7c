package org.smtpplus.guice;

import javax.inject.Inject;

import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.utils.UserDefinedStartable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.webadmin.AccountJamesUsers;

/**
 * At start, gives every account's James user a new random password (see {@link AccountJamesUsers}): a relay upgraded
 * from a version that gave James users the account's own password, in a James whose users repository persists, keeps
 * no second, weak hash of it. James starts it ({@code guice.extension.startable} in extensions.properties) once its
 * servers are up; a store that cannot be read then is logged, and the next start tries again.
 */
public class RenewAccountJamesUsers implements UserDefinedStartable {
    private static final Logger LOGGER = LoggerFactory.getLogger(RenewAccountJamesUsers.class);

    private final AccountRepository accounts;
    private final AccountJamesUsers jamesUsers;

    @Inject
    public RenewAccountJamesUsers(AccountRepository accounts, AccountJamesUsers jamesUsers) {
        this.accounts = accounts;
        this.jamesUsers = jamesUsers;
    }

    @Override
    public void start() {
        int renewed = 0;
        try {
            for (Account account : accounts.list()) {
                renewed += renew(account.name()) ? 1 : 0;
            }
            LOGGER.info("SMTP+ gave {} James users of accounts a new random password", renewed);
        } catch (StoreUnavailableException e) {
            LOGGER.warn("SMTP+ could not read the accounts to renew their James users' passwords ({}); the next start tries again",
                e.getMessage());
        }
    }

    private boolean renew(String name) {
        try {
            return jamesUsers.ensure(name, true);
        } catch (UsersRepositoryException e) {
            LOGGER.warn("Could not renew the password of the James user of account {}: {}", name, e.getMessage());
            return false;
        }
    }
}
