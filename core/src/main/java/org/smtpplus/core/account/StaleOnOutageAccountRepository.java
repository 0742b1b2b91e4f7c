package org.smtpplus.core.account;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smtpplus.core.store.StoreUnavailableException;

/**
 * Serves the last account it read when the store cannot answer, so that accounts keep authenticating and
 * submitting during a store outage (their mail then waits in the spool until the store is back). Only accounts that
 * exist are remembered, at most {@link #CAPACITY} of them (the least recently read go first), so that AUTH attempts
 * with made-up names cannot fill the memory. Writes go to the store or fail.
 */
public final class StaleOnOutageAccountRepository implements AccountRepository {
    public static final int CAPACITY = 10_000;

    private final AccountRepository store;
    private final Map<String, Account> lastRead = Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Account> eldest) {
                return size() > CAPACITY;
            }
        });

    public StaleOnOutageAccountRepository(AccountRepository store) {
        this.store = store;
    }

    @Override
    public Optional<Account> get(String name) {
        try {
            Optional<Account> account = store.get(name);
            account.ifPresentOrElse(found -> lastRead.put(name, found), () -> lastRead.remove(name));
            return account;
        } catch (StoreUnavailableException e) {
            Account known = lastRead.get(name);
            if (known == null) {
                throw e;
            }
            return Optional.of(known);
        }
    }

    @Override
    public void save(Account account) {
        store.save(account);
        lastRead.put(account.name(), account);
    }

    @Override
    public boolean delete(String name) {
        boolean existed = store.delete(name);
        lastRead.remove(name);
        return existed;
    }

    @Override
    public List<Account> list() {
        return store.list();
    }
}
