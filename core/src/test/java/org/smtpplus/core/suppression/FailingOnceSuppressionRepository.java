package org.smtpplus.core.suppression;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.smtpplus.core.store.StoreUnavailableException;

/**
 * The suppressions of a store whose first write fails as during an outage, then answers: for the tests of what a
 * retry completes.
 */
public final class FailingOnceSuppressionRepository implements SuppressionRepository {
    private final SuppressionRepository store;
    private boolean failed;

    public FailingOnceSuppressionRepository(SuppressionRepository store) {
        this.store = store;
    }

    @Override
    public synchronized void add(Suppression suppression) {
        if (!failed) {
            failed = true;
            throw new StoreUnavailableException("SuppressionRepository.add", new RuntimeException("the store is down"));
        }
        store.add(suppression);
    }

    @Override
    public Optional<Suppression> get(String address, Optional<String> list) {
        return store.get(address, list);
    }

    @Override
    public List<Suppression> forAddress(String address) {
        return store.forAddress(address);
    }

    @Override
    public boolean remove(String address, Optional<String> list) {
        return store.remove(address, list);
    }

    @Override
    public Stream<Suppression> all(Optional<SuppressionReason> reason, Optional<String> list) {
        return store.all(reason, list);
    }
}
