package org.smtpplus.core.store;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * What a store answered for a key, served again for {@code maxAge} after it was read, for the lookups mail processing
 * makes with every copy of data that rarely changes (an account's IP pool, a pool's addresses). The node that changes a
 * value forgets it at once ({@link #forget}); another node's change is seen within {@code maxAge}. Failures are not
 * remembered: the next lookup asks the store again. Guava's cache does the expiry and the bound on the entries.
 *
 * @param <K> the key
 * @param <V> what the store answers for it; an empty {@link Optional} is remembered too
 */
public final class RecentReads<K, V> {
    private final Cache<K, Optional<V>> reads;
    // Counts forget calls: a read that began before one may hold the value it forgot, and is not remembered.
    private final AtomicLong changes = new AtomicLong();

    /**
     * @param capacity at most this many keys are remembered, the least recently used forgotten first
     */
    public RecentReads(Duration maxAge, long capacity, Ticker ticker) {
        this.reads = CacheBuilder.newBuilder()
            .expireAfterWrite(maxAge)
            .maximumSize(capacity)
            .ticker(ticker)
            .build();
    }

    /** What {@code read} answered for the key at most {@code maxAge} ago, else what it answers now. */
    public Optional<V> get(K key, Function<K, Optional<V>> read) {
        Optional<V> recent = reads.getIfPresent(key);
        if (recent != null) {
            return recent;
        }
        long changesBefore = changes.get();
        Optional<V> fresh = read.apply(key);
        if (changes.get() == changesBefore) {
            reads.put(key, fresh);
            if (changes.get() != changesBefore) {
                // a forget ran between the check and the put
                reads.invalidate(key);
            }
        }
        return fresh;
    }

    /** The key's value changed: the next lookup asks the store. */
    public void forget(K key) {
        changes.incrementAndGet();
        reads.invalidate(key);
    }
}
