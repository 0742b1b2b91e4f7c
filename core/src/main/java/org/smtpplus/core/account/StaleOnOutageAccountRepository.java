package org.smtpplus.core.account;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smtpplus.core.store.RecentReads;
import org.smtpplus.core.store.StoreUnavailableException;

import com.google.common.base.Ticker;

/**
 * Serves the last account it read when the store cannot answer, so that accounts keep authenticating and
 * submitting during a store outage (their mail then waits in the spool until the store is back). Only accounts that
 * exist are remembered, at most {@link #CAPACITY} of them (the least recently read go first), so that AUTH attempts
 * with made-up names cannot fill the memory. Writes go to the store or fail.
 *
 * <p>{@link #recent} serves an account read less than {@link #RECENT} ago without asking the store: the delivery of
 * every copy looks up its account's IP pool. A change saved or a deletion made through this repository (this node's
 * routes) is seen at once; one made on another node within {@link #RECENT}.
 */
public final class StaleOnOutageAccountRepository implements AccountRepository {
    public static final int CAPACITY = 10_000;
    public static final Duration RECENT = Duration.ofSeconds(10);

    private final AccountRepository store;
    private final Map<String, Account> lastRead = Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Account> eldest) {
                return size() > CAPACITY;
            }
        });

    private final RecentReads<String, Account> recentReads;

    public StaleOnOutageAccountRepository(AccountRepository store) {
        this(store, Ticker.systemTicker());
    }

    public StaleOnOutageAccountRepository(AccountRepository store, Ticker ticker) {
        this.store = store;
        this.recentReads = new RecentReads<>(RECENT, CAPACITY, ticker);
    }

    @Override
    public Optional<Account> recent(String name) {
        return recentReads.get(name, this::get);
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
        // forgotten also when the store failed: a write that timed out may have been applied
        try {
            store.save(account);
            lastRead.put(account.name(), account);
        } finally {
            recentReads.forget(account.name());
        }
    }

    @Override
    public boolean delete(String name) {
        try {
            boolean existed = store.delete(name);
            lastRead.remove(name);
            return existed;
        } finally {
            recentReads.forget(name);
        }
    }

    @Override
    public List<Account> list() {
        return store.list();
    }
}
