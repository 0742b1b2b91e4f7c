package org.smtpplus.core.account;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Accounts in memory, for the memory James server and tests. Thread-safe.
 */
public final class MemoryAccountRepository implements AccountRepository {
    private final ConcurrentNavigableMap<String, Account> accounts = new ConcurrentSkipListMap<>();

    @Override
    public Optional<Account> get(String name) {
        return Optional.ofNullable(accounts.get(name));
    }

    @Override
    public void save(Account account) {
        accounts.put(account.name(), account);
    }

    @Override
    public boolean delete(String name) {
        return accounts.remove(name) != null;
    }

    @Override
    public List<Account> list() {
        return List.copyOf(accounts.values());
    }
}
