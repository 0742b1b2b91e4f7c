package org.smtpplus.core.subscriber;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.smtpplus.core.address.EmailAddresses;

/**
 * Subscriber lists in memory, for the memory James server and tests. Thread-safe.
 */
public final class MemorySubscriberRepository implements SubscriberRepository {
    // a cursor is the last address of its page, behind a prefix that tells it from any other text
    private static final String CURSOR_PREFIX = "after:";

    private final ConcurrentMap<String, ConcurrentNavigableMap<String, Subscriber>> lists = new ConcurrentHashMap<>();

    @Override
    public Optional<Subscriber> get(String list, String address) {
        return existing(list).map(subscribers -> subscribers.get(EmailAddresses.normalise(address)));
    }

    @Override
    public void save(Subscriber subscriber) {
        list(subscriber.list()).put(subscriber.address(), subscriber);
    }

    @Override
    public void registerSent(String list, String address, Instant at) {
        // the function may run more than once under contention; it is pure, so the outcome is the same
        list(list).compute(EmailAddresses.normalise(address), (key, existing) -> existing == null
            ? Subscriber.builder(list, key).firstSeen(at).lastSent(at).build()
            : existing.toBuilder().lastSent(at).build());
    }

    @Override
    public boolean delete(String list, String address) {
        return existing(list).map(subscribers -> subscribers.remove(EmailAddresses.normalise(address)) != null).orElse(false);
    }

    @Override
    public SubscriberPage page(String list, Optional<SubscriberStatus> status, int limit, Optional<String> cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        NavigableMap<String, Subscriber> subscribers = existing(list).orElse(Collections.emptyNavigableMap());
        Iterator<Subscriber> following = cursor.map(MemorySubscriberRepository::lastAddress)
            .map(last -> subscribers.tailMap(last, false))
            .orElse(subscribers)
            .values().iterator();
        List<Subscriber> page = new ArrayList<>();
        while (following.hasNext()) {
            Subscriber subscriber = following.next();
            if (status.map(wanted -> subscriber.status() == wanted).orElse(true)) {
                if (page.size() == limit) {
                    return new SubscriberPage(page, Optional.of(cursorAfter(page.get(limit - 1))));
                }
                page.add(subscriber);
            }
        }
        return new SubscriberPage(page, Optional.empty());
    }

    // reads do not create the list, so looking up unknown lists leaves nothing behind
    private Optional<NavigableMap<String, Subscriber>> existing(String list) {
        return Optional.ofNullable(lists.get(list));
    }

    private ConcurrentNavigableMap<String, Subscriber> list(String list) {
        return lists.computeIfAbsent(list, any -> new ConcurrentSkipListMap<>());
    }

    private static String cursorAfter(Subscriber subscriber) {
        return Base64.getUrlEncoder().withoutPadding()
            .encodeToString((CURSOR_PREFIX + subscriber.address()).getBytes(StandardCharsets.UTF_8));
    }

    private static String lastAddress(String cursor) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notACursor(cursor);
        }
        if (!decoded.startsWith(CURSOR_PREFIX)) {
            throw notACursor(cursor);
        }
        return decoded.substring(CURSOR_PREFIX.length());
    }

    private static IllegalArgumentException notACursor(String cursor) {
        return new IllegalArgumentException("Not a cursor of a subscriber page: " + cursor);
    }
}
