package org.smtpplus.core.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The notifications of the relay that were sent (a daily bounce digest per account and day, a usage threshold report
 * per account, month and threshold), so that each is sent once however many nodes could send it and however often
 * they restart: the caller that wins the {@link #claim} sends it, every other one does nothing.
 * <p>
 * Claiming before sending makes a notification sent at most once, never twice: a node that stops between its claim
 * and its send loses it, and so may a claim that throws, because a claim that timed out may have been recorded all
 * the same, and claiming again then answers false. Keys are compared exactly. Every method may throw
 * {@link org.smtpplus.core.store.StoreUnavailableException}.
 */
public interface SentNotificationRepository {
    /**
     * How long a claim is remembered; keys must embed their period (day, month) so that a key is never claimed again
     * after that.
     */
    Duration RETENTION = Duration.ofDays(100);

    /**
     * Claims the notification named by the key (e.g. {@code "bounce-digest/shop/2026-11-21"}) for this caller, at
     * {@code at}.
     *
     * @return true for exactly one caller across every node and restart (the one that must send it), false for every
     *         later one
     */
    boolean claim(String key, Instant at);

    /** When the notification was claimed, if it was (within the retention): the {@code at} of the winning claim. */
    Optional<Instant> claimedAt(String key);
}
