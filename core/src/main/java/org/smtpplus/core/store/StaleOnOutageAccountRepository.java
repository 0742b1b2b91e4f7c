package org.smtpplus.core.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;

/**
 * Serves the last account it read when the store cannot answer, so that accounts keep authenticating and
 * submitting during a store outage (their mail then waits in the spool until the store is back). Writes are never
 * cached: they go to the store or fail.
 */
public final class StaleOnOutageAccountRepository implements AccountRepository {
    private final AccountRepository store;
    private final Map<String, Optional<Account>> lastRead = new ConcurrentHashMap<>();

    public StaleOnOutageAccountRepository(AccountRepository store) {
        this.store = store;
    }

    @Override
    public Optional<Account> get(String name) {
        try {
            Optional<Account> account = store.get(name);
            lastRead.put(name, account);
            return account;
        } catch (StoreUnavailableException e) {
            Optional<Account> known = lastRead.get(name);
            if (known == null) {
                throw e;
            }
            return known;
        }
    }

    @Override
    public void save(Account account) {
        store.save(account);
        lastRead.put(account.name(), Optional.of(account));
    }

    @Override
    public boolean delete(String name) {
        boolean existed = store.delete(name);
        lastRead.put(name, Optional.empty());
        return existed;
    }

    @Override
    public List<Account> list() {
        return store.list();
    }
}
