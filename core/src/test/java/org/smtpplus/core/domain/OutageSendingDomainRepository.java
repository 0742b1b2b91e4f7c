package org.smtpplus.core.domain;

import java.util.List;
import java.util.Optional;

import org.smtpplus.core.store.StoreUnavailableException;

/** The memory repository behind a switch: while {@code down}, every call fails as a store outage does. */
public final class OutageSendingDomainRepository implements SendingDomainRepository {
    private final MemorySendingDomainRepository delegate = new MemorySendingDomainRepository();
    private volatile boolean down;
    private volatile int lists;

    /** A repository that is down from the start. */
    public static OutageSendingDomainRepository down() {
        OutageSendingDomainRepository repository = new OutageSendingDomainRepository();
        repository.setDown(true);
        return repository;
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    /** How many times the domains were listed: each snapshot of SendingDomains lists them once. */
    public int lists() {
        return lists;
    }

    private void check() {
        if (down) {
            throw new StoreUnavailableException("SendingDomainRepository: the store is down", new RuntimeException("down"));
        }
    }

    @Override
    public Optional<SendingDomain> get(String domain) {
        check();
        return delegate.get(domain);
    }

    @Override
    public List<SendingDomain> list() {
        check();
        lists++;
        return delegate.list();
    }

    @Override
    public void put(SendingDomain domain) {
        check();
        delegate.put(domain);
    }

    @Override
    public boolean replace(SendingDomain expected, SendingDomain updated) {
        check();
        return delegate.replace(expected, updated);
    }

    @Override
    public boolean insertIfAbsent(SendingDomain domain) {
        check();
        return delegate.insertIfAbsent(domain);
    }

    @Override
    public boolean deleteIfUnchanged(SendingDomain expected) {
        check();
        return delegate.deleteIfUnchanged(expected);
    }

    @Override
    public boolean delete(String domain) {
        check();
        return delegate.delete(domain);
    }
}
