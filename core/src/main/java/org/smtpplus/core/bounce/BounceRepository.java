package org.smtpplus.core.bounce;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The classified bounces of the relay, kept for list cleaning ({@code GET /smtpplus/bounces}) and for counting soft
 * bounces (3 soft bounces within 30 days suppress: docs/api.md). Entries older than {@link #RETENTION_DAYS}
 * may be forgotten. Addresses are compared lower-case. Every method may throw
 * {@link org.smtpplus.core.store.StoreUnavailableException}.
 */
public interface BounceRepository {
    int RETENTION_DAYS = 180;

    /**
     * Records the bounce. There is one entry per recipient and message: another bounce of the same copy (a replayed or
     * repeated report) keeps the first.
     *
     * @return true when this bounce was new, false when the copy had bounced already
     */
    boolean record(Bounce bounce);

    /** The bounce recorded for this copy (its recipient and message), if any. */
    Optional<Bounce> get(String recipient, String messageId);

    /**
     * How many different messages bounced {@code soft} for the address at or after {@code since}: a message that
     * soft-bounced twice (a replayed or repeated report) counts once.
     */
    int softBouncedMessagesSince(String recipient, Instant since);

    /**
     * The bounces matching every filter given, newest first, streamed so that a list of any size needs little
     * memory. Close the stream. Reading it may throw {@link org.smtpplus.core.store.StoreUnavailableException} too,
     * when the store fails midway.
     *
     */
    Stream<Bounce> find(BounceQuery query);
}
