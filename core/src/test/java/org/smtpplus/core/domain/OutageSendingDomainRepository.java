package org.smtpplus.core.domain;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.smtpplus.core.store.StoreUnavailableException;

/**
 * The memory repository behind a switch: while {@code down}, every call fails as a store outage does. It counts the
 * calls of {@link #list} and {@link #insertIfAbsent}, failed ones included, and can hold a list between its read and
 * its answer, as a slow store does.
 */
public final class OutageSendingDomainRepository implements SendingDomainRepository {
    private static final long HOLD_LIMIT_SECONDS = 30;

    private final MemorySendingDomainRepository delegate = new MemorySendingDomainRepository();
    private final AtomicInteger lists = new AtomicInteger();
    private final AtomicInteger inserts = new AtomicInteger();
    private volatile boolean down;
    private volatile boolean insertsDown;
    private final AtomicBoolean holdNext = new AtomicBoolean();
    private volatile CountDownLatch gate;
    private volatile CountDownLatch held;

    /** A repository that is down from the start. */
    public static OutageSendingDomainRepository down() {
        OutageSendingDomainRepository repository = new OutageSendingDomainRepository();
        repository.setDown(true);
        return repository;
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    /** While set, inserts fail as in an outage, and reads work: a store that lost its write quorum. */
    public void setInsertsDown(boolean insertsDown) {
        this.insertsDown = insertsDown;
    }

    /** How many times the domains were listed, or a list failed: each snapshot of SendingDomains lists them once. */
    public int lists() {
        return lists.get();
    }

    /** How many times an insert was tried, failed ones included. */
    public int inserts() {
        return inserts.get();
    }

    /** The next list reads the domains, then waits for {@link #release} before it answers what it read. */
    public void holdNextList() {
        held = new CountDownLatch(1);
        gate = new CountDownLatch(1);
        holdNext.set(true);
    }

    /** Waits until the held list has read the domains. */
    public void awaitHeld() throws InterruptedException {
        if (!held.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("No list began in " + HOLD_LIMIT_SECONDS + " s");
        }
    }

    public void release() {
        gate.countDown();
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
        lists.incrementAndGet();
        check();
        List<SendingDomain> read = delegate.list();
        if (holdNext.compareAndSet(true, false)) {
            held.countDown();
            try {
                if (!gate.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError("A held list was not released in " + HOLD_LIMIT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return read;
    }

    /** Test set-up: stores the domain whatever was stored, while the store is up. */
    public void store(SendingDomain domain) {
        check();
        StoredDomains.overwrite(delegate, domain);
    }

    @Override
    public boolean replace(SendingDomain expected, SendingDomain updated) {
        check();
        return delegate.replace(expected, updated);
    }

    @Override
    public boolean insertIfAbsent(SendingDomain domain) {
        inserts.incrementAndGet();
        check();
        if (insertsDown) {
            throw new StoreUnavailableException("SendingDomainRepository: no write quorum", new RuntimeException("down"));
        }
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
