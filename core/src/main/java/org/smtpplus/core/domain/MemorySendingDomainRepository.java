package org.smtpplus.core.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** SMTPPLUS_STORE=memory: keys live as long as the JVM (each start makes new ones). */
public final class MemorySendingDomainRepository implements SendingDomainRepository {
    private final ConcurrentSkipListMap<String, SendingDomain> domains = new ConcurrentSkipListMap<>();

    @Override
    public Optional<SendingDomain> get(String domain) {
        return Optional.ofNullable(domains.get(domain));
    }

    @Override
    public List<SendingDomain> list() {
        return new ArrayList<>(domains.values());
    }


    @Override
    public boolean replace(SendingDomain expected, SendingDomain updated) {
        SendingDomainRepository.requireSameName(expected, updated);
        return domains.replace(expected.domain(), expected, updated);
    }

    @Override
    public boolean insertIfAbsent(SendingDomain domain) {
        return domains.putIfAbsent(domain.domain(), domain) == null;
    }

    @Override
    public boolean delete(String domain) {
        return domains.remove(domain) != null;
    }

    @Override
    public boolean deleteIfUnchanged(SendingDomain expected) {
        return domains.remove(expected.domain(), expected);
    }
}
