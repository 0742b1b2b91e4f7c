package org.smtpplus.core.suppression;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

import org.smtpplus.core.address.EmailAddresses;

/**
 * Suppressions in memory, for the memory James server and tests. Thread-safe.
 */
public final class MemorySuppressionRepository implements SuppressionRepository {
    // list names are never empty, so the global entry has a key of its own, sorted first
    private static final String GLOBAL = "";

    // each address's entries by list, replaced as a whole on change so that readers need no lock
    private final ConcurrentNavigableMap<String, Map<String, Suppression>> byAddress = new ConcurrentSkipListMap<>();

    // writers take turns, so that each copies the entries of an address as the previous one left them
    @Override
    public synchronized void add(Suppression suppression) {
        TreeMap<String, Suppression> changed = new TreeMap<>(byAddress.getOrDefault(suppression.address(), Map.of()));
        changed.put(key(suppression.list()), suppression);
        byAddress.put(suppression.address(), changed);
    }

    @Override
    public Optional<Suppression> get(String address, Optional<String> list) {
        return Optional.ofNullable(byAddress.get(EmailAddresses.normalise(address)))
            .map(entries -> entries.get(key(list)));
    }

    @Override
    public List<Suppression> forAddress(String address) {
        return Optional.ofNullable(byAddress.get(EmailAddresses.normalise(address)))
            .map(entries -> List.copyOf(entries.values()))
            .orElse(List.of());
    }

    @Override
    public synchronized boolean remove(String address, Optional<String> list) {
        String normalised = EmailAddresses.normalise(address);
        TreeMap<String, Suppression> changed = new TreeMap<>(byAddress.getOrDefault(normalised, Map.of()));
        if (changed.remove(key(list)) == null) {
            return false;
        }
        if (changed.isEmpty()) {
            byAddress.remove(normalised);
        } else {
            byAddress.put(normalised, changed);
        }
        return true;
    }

    @Override
    public Stream<Suppression> all(Optional<SuppressionReason> reason, Optional<String> list) {
        return byAddress.values().stream()
            .flatMap(entries -> entries.values().stream())
            .filter(entry -> reason.map(wanted -> entry.reason() == wanted).orElse(true))
            .filter(entry -> list.map(wanted -> entry.list().equals(Optional.of(wanted))).orElse(true));
    }

    private static String key(Optional<String> list) {
        return list.orElse(GLOBAL);
    }
}
