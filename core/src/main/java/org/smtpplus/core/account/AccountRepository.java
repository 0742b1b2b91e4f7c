package org.smtpplus.core.account;

import java.util.List;
import java.util.Optional;

/**
 * Where accounts are kept. Names are compared exactly. Calls block.
 */
public interface AccountRepository {
    Optional<Account> get(String name);

    /**
     * Creates the account or replaces the one of the same name.
     */
    void save(Account account);

    /**
     * @return whether the account existed
     */
    boolean delete(String name);

    /**
     * @return every account, sorted by name
     */
    List<Account> list();
}
