package org.smtpplus.core.subscriber;

import java.time.Instant;
import java.util.Optional;

/**
 * Subscriber lists (docs/api.md#subscribers). Addresses are compared lower-case. Every method may throw
 * {@link org.smtpplus.core.store.StoreUnavailableException}.
 */
public interface SubscriberRepository {
    Optional<Subscriber> get(String list, String address);

    /** Creates or replaces the subscriber. */
    void save(Subscriber subscriber);

    /**
     * Records that a message was relayed to the address: an unknown address joins the list as {@code active} with
     * {@code firstSeen} and {@code lastSent} set to {@code at}; a known one keeps its status, fields and
     * {@code firstSeen}, and gets {@code lastSent}. Safe to repeat (a retried delivery).
     */
    void registerSent(String list, String address, Instant at);

    /** @return true when the subscriber existed */
    boolean delete(String list, String address);

    /**
     * @param status only subscribers of that status, when given
     * @param limit at most this many, at least 1
     * @param cursor the {@link SubscriberPage#nextCursor()} of the previous page; empty for the first
     * @throws IllegalArgumentException for a cursor this repository did not produce
     */
    SubscriberPage page(String list, Optional<SubscriberStatus> status, int limit, Optional<String> cursor);
}
