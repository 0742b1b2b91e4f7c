package org.smtpplus.core.schedule;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Parked mail in memory, for the memory James server and tests: kept until deleted or the JVM stops. Thread-safe.
 */
public final class MemoryParkedMailRepository implements ParkedMailRepository {
    private final ConcurrentMap<String, ParkedMail> mails = new ConcurrentHashMap<>();

    @Override
    public void keep(String key, ParkedMail mail) {
        mails.put(key, mail);
    }

    @Override
    public Optional<ParkedMail> get(String key) {
        return Optional.ofNullable(mails.get(key));
    }

    @Override
    public boolean delete(String key) {
        return mails.remove(key) != null;
    }
}
