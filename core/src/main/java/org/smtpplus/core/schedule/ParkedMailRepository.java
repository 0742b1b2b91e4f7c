package org.smtpplus.core.schedule;

import java.util.Optional;

/**
 * The content of the mail parked until a later time, under a key of the caller's choosing, until the scheduler
 * hands it back to James. With the durable scheduler, James's mail queue does not hold it: the queue of the
 * distributed James ignores delays. Every method may throw {@link org.smtpplus.core.store.StoreUnavailableException}.
 */
public interface ParkedMailRepository {
    /** Keeps the mail under the key; keeping a key again replaces it (a retried park). */
    void keep(String key, ParkedMail mail);

    Optional<ParkedMail> get(String key);

    /** @return true when there was one */
    boolean delete(String key);
}
