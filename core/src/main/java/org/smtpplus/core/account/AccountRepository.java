package org.smtpplus.core.account;

import java.util.List;
import java.util.Optional;

/**
 * Where accounts are kept. Names are compared exactly. Calls block.
 */
public interface AccountRepository {
    Optional<Account> get(String name);

    /**
     * The account for a lookup made with every copy (its IP pool): as {@link #get}, or as read a few seconds ago by a
     * repository that remembers its reads (a change made through it is seen at once, one made on another node within
     * {@link StaleOnOutageAccountRepository#RECENT}).
     */
    default Optional<Account> recent(String name) {
        return get(name);
    }

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
