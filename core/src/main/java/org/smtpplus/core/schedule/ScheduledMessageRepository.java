package org.smtpplus.core.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The messages parked until their {@code sendAt} (contract section 7). A parked message is pending until it is
 * either released for sending or cancelled, never both, and released at most once however many nodes of the relay
 * try: every node may run the scheduler. Lists are in sending order: soonest {@code sendAt} first, then by message
 * id. Every method may throw {@link org.smtpplus.core.store.StoreUnavailableException}.
 */
public interface ScheduledMessageRepository {
    /** Parks the message; parking the same messageId again (a retried submission) keeps the first. */
    void park(ScheduledMessage message);

    /** The parked messages not yet released or cancelled, of one batch or of all, soonest sendAt first. */
    List<ScheduledMessage> pending(Optional<String> batchId);

    /** How many messages are parked and neither released nor cancelled. */
    long countPending();

    /**
     * Cancels every pending message of the batch.
     *
     * @return how many were cancelled now (released or already cancelled ones do not count)
     */
    int cancel(String batchId);

    /**
     * Releases the message for sending.
     *
     * @return true exactly once per message across every caller and node, and only if it was not cancelled; false
     *         when cancelled, already released, or unknown
     */
    boolean release(String messageId);

    /**
     * The messages due at or before {@code until} that are still pending, soonest first, at most {@code limit}: what
     * a scheduler releases next.
     *
     * @param limit positive
     */
    List<ScheduledMessage> due(Instant until, int limit);
}
