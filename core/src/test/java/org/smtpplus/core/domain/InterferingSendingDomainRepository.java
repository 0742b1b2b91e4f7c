package org.smtpplus.core.domain;

import java.util.List;
import java.util.Optional;

/**
 * A memory repository where another writer acts just before each compare-and-set (a replace or a conditional
 * delete), for as many of them as asked: the window between a read and its write that a concurrent request or
 * another node's check may hit.
 */
public final class InterferingSendingDomainRepository implements SendingDomainRepository {
    /** What the other writer does, given the repository it writes to. */
    public interface Interference {
        void act(SendingDomainRepository repository);
    }

    private final MemorySendingDomainRepository delegate = new MemorySendingDomainRepository();
    private Interference interference = repository -> { };
    private int interferences;
    private int compareAndSets;

    /** {@code interference} acts before each of the next {@code times} compare-and-sets. */
    public void interfere(int times, Interference interference) {
        this.interferences = times;
        this.interference = interference;
    }

    public int compareAndSets() {
        return compareAndSets;
    }

    private void beforeCompareAndSet() {
        compareAndSets++;
        if (interferences > 0) {
            interferences--;
            interference.act(delegate);
        }
    }

    @Override
    public Optional<SendingDomain> get(String domain) {
        return delegate.get(domain);
    }

    @Override
    public List<SendingDomain> list() {
        return delegate.list();
    }

    /** Test set-up: stores the domain whatever was stored, with no interference and no compare-and-set counted. */
    void store(SendingDomain domain) {
        StoredDomains.overwrite(delegate, domain);
    }

    @Override
    public boolean replace(SendingDomain expected, SendingDomain updated) {
        beforeCompareAndSet();
        return delegate.replace(expected, updated);
    }

    @Override
    public boolean insertIfAbsent(SendingDomain domain) {
        return delegate.insertIfAbsent(domain);
    }

    @Override
    public boolean delete(String domain) {
        return delegate.delete(domain);
    }

    @Override
    public boolean deleteIfUnchanged(SendingDomain expected) {
        beforeCompareAndSet();
        return delegate.deleteIfUnchanged(expected);
    }
}
