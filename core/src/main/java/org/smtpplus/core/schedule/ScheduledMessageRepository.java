package org.smtpplus.core.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The messages parked until their {@code sendAt} (docs/scheduling.md), keyed by their {@link ScheduledMessage#id()}.
 * A parked message is pending until it is either released for sending or cancelled, never both, and released at
 * most once however many nodes of the relay try: every node may run the scheduler. Only a requeue puts a released
 * message back to pending, to be released again. Lists are in sending order: soonest {@code sendAt} first, then by
 * id. Every method may throw {@link org.smtpplus.core.store.StoreUnavailableException}.
 */
public interface ScheduledMessageRepository {
    /** Why {@link #release} did or did not release a message. */
    enum ReleaseOutcome {
        /** Released now, by this call: the caller sends it. */
        RELEASED,
        /** Released before, by another call or node. */
        ALREADY_RELEASED,
        /** Its batch was cancelled: it is not to be sent. */
        CANCELLED,
        /** Never parked, or expired. */
        UNKNOWN
    }

    /** Parks the message; parking the same id again (a retried submission) keeps the first. */
    void park(ScheduledMessage message);

    /** The parked messages not yet released or cancelled, of one batch or of all, soonest sendAt first. */
    List<ScheduledMessage> pending(Optional<String> batchId);

    /** How many messages are parked and neither released nor cancelled. */
    long countPending();

    /**
     * Cancels every pending message of the batch.
     *
     * @return the ids of the messages cancelled now, in sending order (released or already cancelled ones are not)
     */
    List<String> cancel(String batchId);

    /**
     * Releases the message for sending.
     *
     * @return {@link ReleaseOutcome#RELEASED} exactly once per release of a pending message across every caller and
     *         node; otherwise why not
     */
    ReleaseOutcome release(String id);

    /**
     * Puts a released message back to pending, due again at its {@code sendAt} and releasable again: for a scheduler
     * that could not hand over the message it released.
     *
     * @return true if the message was released and is pending now; false, changing nothing, when it is pending,
     *         cancelled or unknown
     */
    boolean requeue(String id);

    /**
     * The messages due at or before {@code until} that are still pending, soonest first, at most {@code limit}: what
     * a scheduler releases next.
     *
     * @param limit positive
     */
    List<ScheduledMessage> due(Instant until, int limit);
}
