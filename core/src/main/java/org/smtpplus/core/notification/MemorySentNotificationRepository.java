package org.smtpplus.core.notification;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Claims in memory, for the memory James server and tests: kept until the JVM stops, however old. Thread-safe.
 */
public final class MemorySentNotificationRepository implements SentNotificationRepository {
    private final ConcurrentMap<String, Instant> claims = new ConcurrentHashMap<>();

    @Override
    public boolean claim(String key, Instant at) {
        // putIfAbsent is atomic per key: of racing claims, exactly one finds no previous value
        return claims.putIfAbsent(key, at) == null;
    }

    @Override
    public Optional<Instant> claimedAt(String key) {
        return Optional.ofNullable(claims.get(key));
    }
}
