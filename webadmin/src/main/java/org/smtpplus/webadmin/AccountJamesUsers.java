package org.smtpplus.webadmin;

import java.security.SecureRandom;
import java.util.Base64;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.api.model.User;

/**
 * The James user each account also is, where James's users repository can hold its name (without virtual hosting it
 * refuses address-like names). Its password is random and never shown: SMTP+ alone checks account passwords
 * (AccountAuthHook), and James's repository would keep a second, weaker hash of the real one. Renewing it replaces
 * whatever hash the James user had, an old account password's included.
 */
public class AccountJamesUsers {
    private static final int RANDOM_PASSWORD_BYTES = 32;

    private final UsersRepository jamesUsers;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public AccountJamesUsers(UsersRepository jamesUsers) {
        this.jamesUsers = jamesUsers;
    }

    /** Whether James's users repository can hold this account name. */
    public boolean isJamesUserName(String name) {
        try {
            jamesUsers.assertValid(Username.of(name));
            return true;
        } catch (UsersRepositoryException e) {
            return false;
        }
    }

    /**
     * Creates the account's James user with a random password if it has none; with {@code renew}, gives an existing
     * one a new random password. Names James cannot hold are left alone.
     *
     * @return whether the James user was created or its password renewed
     */
    public boolean ensure(String name, boolean renew) throws UsersRepositoryException {
        if (!isJamesUserName(name)) {
            return false;
        }
        Username username = Username.of(name);
        User user = jamesUsers.getUserByName(username);
        if (user == null) {
            jamesUsers.addUser(username, randomPassword());
            return true;
        }
        if (renew) {
            user.setPassword(randomPassword());
            jamesUsers.updateUser(user);
            return true;
        }
        return false;
    }

    /** Removes the account's James user, if it has one. */
    public void remove(String name) throws UsersRepositoryException {
        Username username = Username.of(name);
        if (isJamesUserName(name) && jamesUsers.contains(username)) {
            jamesUsers.removeUser(username);
        }
    }

    private String randomPassword() {
        byte[] bytes = new byte[RANDOM_PASSWORD_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
