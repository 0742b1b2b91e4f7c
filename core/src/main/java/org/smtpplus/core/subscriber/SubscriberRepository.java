package org.smtpplus.core.subscriber;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /**
     * {@link #get} for every recipient of one message at once, so that a store can ask for them together rather than
     * one after another.
     *
     * @return the subscribers of the list among the addresses, by the address as given; an unknown address has none
     */
    default Map<String, Subscriber> getAll(String list, Collection<String> addresses) {
        Map<String, Subscriber> found = new LinkedHashMap<>();
        addresses.forEach(address -> get(list, address).ifPresent(subscriber -> found.put(address, subscriber)));
        return found;
    }

    /**
     * {@link #registerSent} for every address, together. Safe to repeat; when it throws, some of the addresses may be
     * registered already, which repeating it leaves as one call would.
     */
    default void registerSentAll(String list, Collection<String> addresses, Instant at) {
        addresses.forEach(address -> registerSent(list, address, at));
    }

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
