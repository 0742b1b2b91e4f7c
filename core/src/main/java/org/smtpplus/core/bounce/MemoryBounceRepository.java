package org.smtpplus.core.bounce;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

import org.smtpplus.core.address.EmailAddresses;

/**
 * Bounces in memory, for the memory James server and tests: kept until the JVM stops, however old. Thread-safe.
 */
public final class MemoryBounceRepository implements BounceRepository {
    private static final Comparator<Bounce> NEWEST_FIRST = Comparator.comparing(Bounce::at).reversed();

    // each recipient's bounces by message, so that counting a recipient's soft bounces reads only theirs
    private final ConcurrentMap<String, ConcurrentMap<String, Bounce>> byRecipient = new ConcurrentHashMap<>();

    @Override
    public boolean record(Bounce bounce) {
        return byRecipient.computeIfAbsent(bounce.recipient(), recipient -> new ConcurrentHashMap<>())
            .putIfAbsent(bounce.messageId(), bounce) == null;
    }

    @Override
    public Optional<Bounce> get(String recipient, String messageId) {
        return Optional.ofNullable(byRecipient.get(EmailAddresses.normalise(recipient)))
            .map(bounces -> bounces.get(messageId));
    }

    @Override
    public int softBouncedMessagesSince(String recipient, Instant since) {
        Map<String, Bounce> bounces = byRecipient.get(EmailAddresses.normalise(recipient));
        if (bounces == null) {
            return 0;
        }
        // one entry per message already, so counting entries counts messages
        return (int) bounces.values().stream()
            .filter(bounce -> bounce.type() == BounceType.SOFT)
            .filter(bounce -> !bounce.at().isBefore(since))
            .count();
    }

    @Override
    public Stream<Bounce> find(BounceQuery query) {
        return byRecipient.values().stream()
            .flatMap(bounces -> bounces.values().stream())
            .filter(query::matchesAllButSince)
            .filter(bounce -> query.since().map(from -> !bounce.at().isBefore(from)).orElse(true))
            .sorted(NEWEST_FIRST);
    }
}
